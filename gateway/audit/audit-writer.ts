/**
 * Durable audit with group commit: `append` resolves only when the record is in the store (one
 * transaction for every record waiting at that moment) or, if the store cannot be reached, fsync'ed
 * in the local spool. If neither is possible it rejects, and the gateway answers 503
 * AUDIT_UNAVAILABLE instead of the data. Spooled records are replayed into the store, in order and
 * at most once (unique chain + seq), as soon as it answers again. Every `checkpointEvery` records
 * (and at least every `checkpointIntervalMs` under traffic, and on close) a checkpoint (chain, seq,
 * hash) is signed with the gateway's Ed25519 key.
 */
import { webcrypto } from 'node:crypto';
import type { CryptoKey } from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from '../store/tables.ts';
import { chainRecord, GENESIS_HASH, type AuditEntry, type ChainedRecord } from './audit-record.ts';
import type { AuditSpool } from './audit-spool.ts';

export interface AuditWriter {
  append(entry: AuditEntry): Promise<void>;
  close(): Promise<void>;
}

export interface AuditWriterOptions {
  db: Kysely<Database>;
  spool: AuditSpool;
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
    served: JSON.stringify(record.served), outcome: record.outcome, duration_ms: record.durationMs,
  };
}

export async function createAuditWriter(options: AuditWriterOptions): Promise<AuditWriter> {
  const { db, spool, chain } = options;
  const checkpointEvery = options.checkpointEvery ?? 1_000;
  const maxBatch = options.maxBatch ?? 500;
  const checkpointIntervalMs = options.checkpointIntervalMs ?? 60_000;
  let lastCheckpointAt = Date.now();
  const queue: Waiting[] = [];
  let flushing: Promise<void> | undefined;
  let spooling = false;

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

  /** Moves spooled records into the store, in order; the spool is emptied only once all are in. */
  const replaySpool = async () => {
    const spooled = await spool.read();
    for (let i = 0; i < spooled.length; i += maxBatch) await insert(spooled.slice(i, i + maxBatch));
    await spool.clear();
    spooling = false;
  };

  // Where the chain stands: the spool's tail (if the store missed it) or the store's last record.
  const spooled = await spool.read();
  const stored = await db.selectFrom('audit_records').select(['seq', 'hash']).where('chain', '=', chain).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let lastSeq = Number(stored?.seq ?? 0);
  let lastHash = stored?.hash ?? GENESIS_HASH;
  const spoolTail = spooled[spooled.length - 1];
  if (spoolTail && spoolTail.seq > lastSeq) ({ seq: lastSeq, hash: lastHash } = spoolTail);
  if (spooled.length > 0) await replaySpool().catch((error: unknown) => ((spooling = true), options.onDegraded?.(error)));

  const flush = async () => {
    if (spooling && queue.length === 0) await replaySpool().catch((error: unknown) => options.onDegraded?.(error));
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
        await insert(records);
        batch.forEach((waiting) => waiting.resolve());
      } catch (storeError) {
        options.onDegraded?.(storeError);
        try {
          await spool.append(records);
          spooling = true;
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

  // While spooling, try the store every second even without traffic.
  const retry = setInterval(() => {
    if (spooling) void kick();
  }, 1_000);
  retry.unref();

  return {
    append(entry) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ entry, resolve, reject });
        void kick();
      });
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
    },
  };
}
