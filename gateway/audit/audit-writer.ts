/**
 * Durable audit with group commit: `append` resolves only when the record is in the store (one
 * transaction for every record waiting at that moment) or, if the store cannot be reached, fsync'ed
 * in the local spool. If neither is possible it rejects, and the gateway answers 503
 * AUDIT_UNAVAILABLE instead of the data. Spooled records are replayed into the store, in order and
 * at most once (unique chain + seq), as soon as it answers again. A record the store refuses for
 * its content (not for being away) is quarantined, in the store or else in a local fsync'ed file,
 * and an alert raised: it never blocks the records after it, live or in replay. Every `checkpointEvery` records
 * (and at least every `checkpointIntervalMs` under traffic, and on close) a checkpoint (chain, seq,
 * hash) is signed with the gateway's Ed25519 key.
 */
import { webcrypto } from 'node:crypto';
import type { CryptoKey } from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from '../store/tables.ts';
import { describeRefusal, isContentRefusal, isStorable, toQuarantineRow, type QuarantinedRecord } from './audit-quarantine.ts';
import { chainRecord, GENESIS_HASH, type AuditEntry, type ChainedRecord } from './audit-record.ts';
import type { AuditSpool } from './audit-spool.ts';

/** What an operator must hear about: a record quarantined, or the store lost and records spooled. */
export type AuditAlert =
  | { kind: 'quarantined'; chain: string; seq: number; reason: string; where: 'store' | 'file' }
  | { kind: 'spooling'; chain: string; error: unknown };

/** The writer's backlog, for `/readyz`. */
export interface AuditWriterState {
  /** Records in the local spool waiting for the store, and the time of the oldest. */
  spool: { waiting: number; oldestAt: string | undefined };
  /** Records quarantined since start, the last one, and how many wait in the local quarantine file. */
  quarantine: { count: number; inFile: number; last: { seq: number; reason: string; at: string } | undefined };
}

export interface AuditWriter {
  append(entry: AuditEntry): Promise<void>;
  state(): AuditWriterState;
  /** Hears every alert, those raised before it was attached (start-up replay) included. */
  onAlert(listener: (alert: AuditAlert) => void): void;
  close(): Promise<void>;
}

export interface AuditWriterOptions {
  db: Kysely<Database>;
  spool: AuditSpool;
  /** Quarantined records the store could not take even in `audit_quarantine`. */
  quarantineFile: AuditSpool<QuarantinedRecord>;
  /** This instance's chain (stable across restarts of the same instance). */
  chain: string;
  signingKey: CryptoKey;
  keyId: string;
  /** Records between signed checkpoints; default 1000. */
  checkpointEvery?: number;
  /** Longest time a record waits for a signed checkpoint; default 60 s. */
  checkpointIntervalMs?: number;
  /** Most records in one transaction; default 500. */
  maxBatch?: number;
  onDegraded?: (error: unknown) => void;
}

export class AuditUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The audit record could not be stored nor spooled', { cause });
    this.name = 'AuditUnavailableError';
  }
}

interface Waiting {
  entry: AuditEntry;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export async function signCheckpoint(key: CryptoKey, chain: string, seq: number, hash: string): Promise<string> {
  const signature = await webcrypto.subtle.sign('Ed25519', key, new TextEncoder().encode(`${chain}:${seq}:${hash}`));
  return Buffer.from(signature).toString('base64url');
}

function toRow(record: ChainedRecord) {
  return {
    chain: record.chain, seq: record.seq, prev_hash: record.prevHash, hash: record.hash, at: record.at, request_id: record.requestId,
    app: record.app, dept: record.dept, roles: JSON.stringify(record.roles), purpose: record.purpose, matter: record.matter,
    operation_hash: record.operationHash, operation_name: record.operationName, granted: JSON.stringify(record.granted),
    denied: JSON.stringify(record.denied), masked: JSON.stringify(record.masked), providers: record.providers,
    served: JSON.stringify(record.served), outcome: record.outcome, duration_ms: record.durationMs, code: record.code ?? null,
  };
}

export async function createAuditWriter(options: AuditWriterOptions): Promise<AuditWriter> {
  const { db, spool, quarantineFile, chain } = options;
  const checkpointEvery = options.checkpointEvery ?? 1_000;
  const maxBatch = options.maxBatch ?? 500;
  const checkpointIntervalMs = options.checkpointIntervalMs ?? 60_000;
  let lastCheckpointAt = Date.now();
  const queue: Waiting[] = [];
  let flushing: Promise<void> | undefined;
  let spooling = false;
  const state: AuditWriterState = { spool: { waiting: 0, oldestAt: undefined }, quarantine: { count: 0, inFile: 0, last: undefined } };
  const alerts: AuditAlert[] = [];
  let listener: ((alert: AuditAlert) => void) | undefined;
  // Alerts raised before anyone listens (start-up replay) wait for the listener; a bounded few.
  const alert = (raised: AuditAlert) => (listener ? listener(raised) : alerts.length < 100 && alerts.push(raised));

  const insert = async (records: readonly ChainedRecord[]) => {
    if (records.length === 0) return;
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('audit_records').values(records.map(toRow)).onConflict((oc) => oc.columns(['chain', 'seq']).doNothing()).execute();
      const first = records[0]!.seq;
      const last = records[records.length - 1]!;
      const due = Date.now() - lastCheckpointAt >= checkpointIntervalMs;
      if (due || Math.floor((first - 1) / checkpointEvery) !== Math.floor(last.seq / checkpointEvery)) {
        lastCheckpointAt = Date.now();
        await trx
          .insertInto('audit_checkpoints')
          .values({ chain, seq: last.seq, hash: last.hash, at: new Date(), key_id: options.keyId, signature: await signCheckpoint(options.signingKey, chain, last.seq, last.hash) })
          .onConflict((oc) => oc.columns(['chain', 'seq']).doNothing())
          .execute();
      }
    });
  };

  /** Keeps a refused record aside: in the store if it takes the escaped JSON, else in the local file; throws if neither. */
  const quarantine = async (record: ChainedRecord, reason: string) => {
    const quarantined: QuarantinedRecord = { record, reason, at: new Date().toISOString() };
    let where: 'store' | 'file' = 'store';
    try {
      await db.insertInto('audit_quarantine').values(toQuarantineRow(quarantined)).onConflict((oc) => oc.columns(['chain', 'seq']).doNothing()).execute();
    } catch {
      await quarantineFile.append([quarantined]);
      state.quarantine.inFile += 1;
      where = 'file';
    }
    state.quarantine.count += 1;
    state.quarantine.last = { seq: record.seq, reason, at: quarantined.at };
    alert({ kind: 'quarantined', chain, seq: record.seq, reason, where });
  };

  /**
   * Stores records in order; throws only when the store cannot be reached. One refused record fails
   * its whole transaction, so a refused batch is halved until the record is found and quarantined.
   */
  const store = async (records: readonly ChainedRecord[]): Promise<void> => {
    if (records.length === 0) return;
    try {
      await insert(records);
    } catch (error) {
      if (!isContentRefusal(error)) throw error;
      if (records.length === 1) return quarantine(records[0]!, describeRefusal(error));
      const middle = Math.ceil(records.length / 2);
      await store(records.slice(0, middle));
      await store(records.slice(middle));
    }
  };

  /** Text the store would silently alter (a lone surrogate becomes U+FFFD) would break the hash: quarantined unasked. */
  const storeChecked = async (records: readonly ChainedRecord[]) => {
    const storable: ChainedRecord[] = [];
    for (const record of records) {
      if (isStorable(record)) storable.push(record);
      else await quarantine(record, 'holds text that is not well-formed Unicode: the store would alter it');
    }
    await store(storable);
  };

  /** Moves spooled records into the store, in order; the spool is emptied only once all are in or quarantined. */
  const replaySpool = async () => {
    const spooled = await spool.read();
    for (let i = 0; i < spooled.length; i += maxBatch) await storeChecked(spooled.slice(i, i + maxBatch));
    await spool.clear();
    spooling = false;
    state.spool = { waiting: 0, oldestAt: undefined };
  };

  /** Moves records quarantined locally into `audit_quarantine` once the store takes them. */
  const replayQuarantineFile = async () => {
    if (state.quarantine.inFile === 0) return;
    for (const quarantined of await quarantineFile.read()) {
      await db.insertInto('audit_quarantine').values(toQuarantineRow(quarantined)).onConflict((oc) => oc.columns(['chain', 'seq']).doNothing()).execute();
    }
    await quarantineFile.clear();
    state.quarantine.inFile = 0;
  };

  const spoolRecords = async (records: readonly ChainedRecord[], error: unknown) => {
    await spool.append(records);
    if (!spooling) alert({ kind: 'spooling', chain, error });
    spooling = true;
    state.spool.oldestAt ??= records[0]?.at;
    state.spool.waiting += records.length;
  };

  // Where the chain stands: the furthest of the store, its quarantine, the spool's tail and the quarantine file's tail.
  const spooled = await spool.read();
  const quarantinedLocally = await quarantineFile.read();
  const tails = await Promise.all([
    db.selectFrom('audit_records').select(['seq', 'hash']).where('chain', '=', chain).orderBy('seq', 'desc').limit(1).executeTakeFirst(),
    db.selectFrom('audit_quarantine').select(['seq', 'hash']).where('chain', '=', chain).orderBy('seq', 'desc').limit(1).executeTakeFirst(),
  ]);
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  for (const tail of [...tails, spooled[spooled.length - 1], quarantinedLocally[quarantinedLocally.length - 1]?.record]) {
    if (tail && Number(tail.seq) > lastSeq) ({ seq: lastSeq, hash: lastHash } = { seq: Number(tail.seq), hash: tail.hash });
  }
  state.spool = { waiting: spooled.length, oldestAt: spooled[0]?.at };
  state.quarantine.inFile = quarantinedLocally.length;
  if (spooled.length > 0) await replaySpool().catch((error: unknown) => ((spooling = true), options.onDegraded?.(error)));
  await replayQuarantineFile().catch(() => undefined);

  const flush = async () => {
    if (spooling && queue.length === 0) await replaySpool().catch((error: unknown) => options.onDegraded?.(error));
    if (!spooling) await replayQuarantineFile().catch(() => undefined);
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      const records = batch.map(({ entry }) => {
        const record = chainRecord(entry, chain, lastSeq + 1, lastHash);
        lastSeq = record.seq;
        lastHash = record.hash;
        return record;
      });
      try {
        if (spooling) await replaySpool();
        await storeChecked(records);
        batch.forEach((waiting) => waiting.resolve());
      } catch (storeError) {
        options.onDegraded?.(storeError);
        try {
          await spoolRecords(records, storeError);
          batch.forEach((waiting) => waiting.resolve());
        } catch (spoolError) {
          // Neither durable: these records never existed; the chain continues from before them.
          lastSeq = records[0]!.seq - 1;
          lastHash = records[0]!.prevHash;
          batch.forEach((waiting) => waiting.reject(new AuditUnavailableError(spoolError)));
        }
      }
    }
  };

  const kick = () => {
    flushing ??= flush().finally(() => {
      flushing = undefined;
      if (queue.length > 0) kick();
    });
    return flushing;
  };

  // While spooling (or holding quarantined records locally), try the store every second even without traffic.
  const retry = setInterval(() => {
    if (spooling || state.quarantine.inFile > 0) void kick();
  }, 1_000);
  retry.unref();

  return {
    append(entry) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ entry, resolve, reject });
        void kick();
      });
    },
    state: () => structuredClone(state),
    onAlert(next) {
      listener = next;
      for (const raised of alerts.splice(0)) next(raised);
    },
    async close() {
      clearInterval(retry);
      while (flushing) await flushing;
      if (!spooling && lastSeq > 0) {
        await db
          .insertInto('audit_checkpoints')
          .values({ chain, seq: lastSeq, hash: lastHash, at: new Date(), key_id: options.keyId, signature: await signCheckpoint(options.signingKey, chain, lastSeq, lastHash) })
          .onConflict((oc) => oc.columns(['chain', 'seq']).doNothing())
          .execute()
          .catch((error: unknown) => options.onDegraded?.(error));
      }
      await spool.close();
      await quarantineFile.close();
    },
  };
}
