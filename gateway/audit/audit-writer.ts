/**
 * Durable audit with group commit: `append` resolves only when the record is in the store (one
 * transaction for every record waiting at that moment) or, if the store cannot be reached, fsync'ed
 * in the local spool. If neither is possible it rejects, and the gateway answers 503
 * AUDIT_UNAVAILABLE instead of the data. Spooled records are replayed into the store, in order and
 * at most once (unique chain + seq), as soon as it answers again. A record the store refuses for
 * its content (not for being away) is quarantined, in the store or else in a local fsync'ed file,
 * and an alert raised: it never blocks the records after it, live or in replay.
 *
 * Checkpoints keep the cadence `audit:verify` demands (audit-checkpoint.ts): the chain's stored
 * records are signed with the audit key after at most `checkpointEvery` records, before two records
 * of one checkpoint's span lie more than `checkpointIntervalMs` apart, once the oldest unsigned
 * record has waited half that interval (a timer, so that light traffic is covered too), on start
 * (the tail a crash left unsigned) and on close. Each checkpoint is appended to the chain's
 * fsync'ed anchor log before its row is committed, then published to Redis when configured.
 */
import type { Kysely } from 'kysely';
import type { KeyPair } from '../../platform/keys.ts';
import type { Database } from '../../platform/store/tables.ts';
import type { QuarantinedRecord } from './audit-quarantine.ts';
import { createRecordStore, type AuditAlert, type AuditWriterState } from './store-audit-records.ts';
import { signCheckpoint, CHECKPOINT_CADENCE, type Checkpoint } from './audit-checkpoint.ts';
import { checkpointToRow, storedInstant } from './audit-codec.ts';
import { chainRecord, GENESIS_HASH, type AuditEntry, type ChainedRecord } from './audit-record.ts';
import type { AuditSpool } from './audit-spool.ts';
import type { CheckpointLog } from './checkpoint-anchors.ts';

export type { AuditAlert, AuditWriterState } from './store-audit-records.ts';

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
  /** The current audit signing key, asked at every checkpoint: a rotated key is used without a restart. */
  checkpointKey: () => Promise<KeyPair>;
  /** This chain's append-only checkpoint log outside the store. */
  checkpointLog: CheckpointLog;
  /** Further copies of each checkpoint once it is in the log (Redis); failures are only reported. */
  publishCheckpoints?: (checkpoints: readonly Checkpoint[]) => Promise<void>;
  /** Most records between signed checkpoints; default 1000. */
  checkpointEvery?: number;
  /** Longest time span of records between signed checkpoints; default 60 s. */
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

type Link = Pick<ChainedRecord, 'seq' | 'hash' | 'at'>;

/** Stored records not yet covered by a checkpoint. */
interface Segment {
  count: number;
  minAt: number;
  maxAt: number;
}

const EMPTY: Segment = { count: 0, minAt: Infinity, maxAt: -Infinity };
const widen = (segment: Segment, at: number): Segment => ({ count: segment.count + 1, minAt: Math.min(segment.minAt, at), maxAt: Math.max(segment.maxAt, at) });

export async function createAuditWriter(options: AuditWriterOptions): Promise<AuditWriter> {
  const { db, spool, quarantineFile, chain } = options;
  const checkpointEvery = options.checkpointEvery ?? CHECKPOINT_CADENCE.records;
  const checkpointIntervalMs = options.checkpointIntervalMs ?? CHECKPOINT_CADENCE.intervalMs;
  const maxBatch = options.maxBatch ?? 500;
  const degraded = (error: unknown) => options.onDegraded?.(error);
  const queue: Waiting[] = [];
  let flushing: Promise<void> | undefined;
  let spooling = false;
  // The store's last record, the uncovered records before it, and checkpoints anchored but not yet in the store.
  let storedTail: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };
  let segment = EMPTY;
  let unsaved: Checkpoint[] = [];
  const state: AuditWriterState = { spool: { waiting: 0, oldestAt: undefined }, quarantine: { count: 0, inFile: 0, last: undefined } };
  const alerts: AuditAlert[] = [];
  let listener: ((alert: AuditAlert) => void) | undefined;
  // Alerts raised before anyone listens (start-up replay) wait for the listener; a bounded few.
  const alert = (raised: AuditAlert) => (listener ? listener(raised) : alerts.length < 100 && alerts.push(raised));
  const { storeChecked, replayQuarantineFile } = createRecordStore({ db, quarantineFile, state, alert });

  const saveUnsaved = async () => {
    if (unsaved.length === 0) return;
    const saving = unsaved;
    await db
      .insertInto('audit_checkpoints')
      .values(saving.map(checkpointToRow))
      .onConflict((oc) => oc.columns(['chain', 'seq']).doNothing())
      .execute();
    unsaved = unsaved.filter((checkpoint) => !saving.includes(checkpoint));
  };

  /** Signs a checkpoint at each mark; true once they are in the anchor log (their rows follow now or with the next checkpoint). */
  const seal = async (marks: ReadonlyArray<{ seq: number; hash: string }>): Promise<boolean> => {
    if (marks.length === 0) return true;
    try {
      const key = await options.checkpointKey();
      const checkpoints: Checkpoint[] = [];
      for (const mark of marks) checkpoints.push(await signCheckpoint(key, chain, mark.seq, mark.hash));
      await options.checkpointLog.append(checkpoints);
      unsaved.push(...checkpoints);
      options.publishCheckpoints?.(checkpoints).catch(degraded);
    } catch (error) {
      degraded(error);
      return false;
    }
    await saveUnsaved().catch(degraded);
    return true;
  };

  /** Checkpoints the records just stored where the cadence requires it. */
  const advance = async (records: readonly Link[]) => {
    const fresh = records.filter((record) => record.seq > storedTail.seq); // a replay may repeat stored records
    if (fresh.length === 0) return;
    const marks: Array<{ seq: number; hash: string }> = [];
    let previous = storedTail;
    let current = segment;
    let all = segment;
    for (const record of fresh) {
      const at = Date.parse(record.at);
      all = widen(all, at);
      const widened = widen(current, at);
      if (current.count > 0 && widened.maxAt - widened.minAt > checkpointIntervalMs) {
        marks.push(previous);
        current = widen(EMPTY, at);
      } else {
        current = widened;
      }
      previous = { seq: record.seq, hash: record.hash };
      if (current.count >= checkpointEvery) {
        marks.push(previous);
        current = EMPTY;
      }
    }
    storedTail = previous;
    const tailDue = current.count > 0 && Date.now() - current.minAt >= checkpointIntervalMs / 2;
    if (tailDue) marks.push(storedTail);
    segment = (await seal(marks)) ? (tailDue ? EMPTY : current) : all;
  };

  /** Signs the stored records no checkpoint covers yet. */
  const sealTail = async () => {
    if (segment.count > 0 && (await seal([storedTail]))) segment = EMPTY;
  };

  /** Moves spooled records into the store, in order; the spool is emptied only once all are in or quarantined. */
  const replaySpool = async () => {
    const spooled = await spool.read();
    for (let i = 0; i < spooled.length; i += maxBatch) {
      const slice = spooled.slice(i, i + maxBatch);
      await storeChecked(slice);
      await advance(slice);
    }
    await spool.clear();
    spooling = false;
    state.spool = { waiting: 0, oldestAt: undefined };
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
  const [storedRecord, storedQuarantine] = await Promise.all([
    db.selectFrom('audit_records').select(['seq', 'hash']).where('chain', '=', chain).orderBy('seq', 'desc').limit(1).executeTakeFirst(),
    db.selectFrom('audit_quarantine').select(['seq', 'hash']).where('chain', '=', chain).orderBy('seq', 'desc').limit(1).executeTakeFirst(),
  ]);
  const stored = Number(storedQuarantine?.seq ?? 0) > Number(storedRecord?.seq ?? 0) ? storedQuarantine : storedRecord;
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  for (const tail of [stored, spooled[spooled.length - 1], quarantinedLocally[quarantinedLocally.length - 1]?.record]) {
    if (tail && Number(tail.seq) > lastSeq) ({ seq: lastSeq, hash: lastHash } = { seq: Number(tail.seq), hash: tail.hash });
  }
  state.spool = { waiting: spooled.length, oldestAt: spooled[0]?.at };
  state.quarantine.inFile = quarantinedLocally.length;

  // Checkpoints a crash kept from the store after they reached the anchor log: their rows are saved
  // now when the record they sign is there, unchanged (otherwise verification will name the difference).
  const lastMark = await db.selectFrom('audit_checkpoints').select('seq').where('chain', '=', chain).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let markSeq = Number(lastMark?.seq ?? 0);
  const orphans = (await options.checkpointLog.readTail(1 << 20)).filter((c) => c.chain === chain && c.seq > markSeq && c.seq <= Number(stored?.seq ?? 0));
  if (orphans.length > 0) {
    const seqs = orphans.map((c) => String(c.seq));
    const rows = await db
      .selectFrom('audit_records')
      .select(['seq', 'hash'])
      .where('chain', '=', chain)
      .where('seq', 'in', seqs)
      .union(db.selectFrom('audit_quarantine').select(['seq', 'hash']).where('chain', '=', chain).where('seq', 'in', seqs))
      .execute();
    const hashes = new Map(rows.map((row) => [Number(row.seq), row.hash]));
    unsaved = orphans.filter((checkpoint) => hashes.get(checkpoint.seq) === checkpoint.hash);
    markSeq = Math.max(markSeq, ...unsaved.map((checkpoint) => checkpoint.seq));
    await saveUnsaved();
  }
  // Stored records after the last checkpoint (a crash's unsigned tail) are checkpointed by the cadence's rules.
  storedTail = { seq: markSeq, hash: '' };
  const uncovered = await db
    .selectFrom('audit_records')
    .select(['seq', 'hash', 'at'])
    .where('chain', '=', chain)
    .where('seq', '>', String(markSeq))
    .orderBy('seq')
    .execute();
  await advance(uncovered.map((row) => ({ seq: Number(row.seq), hash: row.hash, at: storedInstant(row.at) })));
  storedTail = { seq: Number(stored?.seq ?? 0), hash: stored?.hash ?? GENESIS_HASH };
  if (spooled.length > 0) await replaySpool().catch((error: unknown) => ((spooling = true), degraded(error)));
  await replayQuarantineFile().catch(degraded);
  if (!spooling) await sealTail();

  const tailWaiting = () => !spooling && segment.count > 0 && Date.now() - segment.minAt >= checkpointIntervalMs / 2;

  const flush = async () => {
    if (spooling && queue.length === 0) await replaySpool().catch(degraded);
    if (!spooling) await replayQuarantineFile().catch(degraded);
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      const records = batch.map(({ entry }) => {
        const record = chainRecord(entry, chain, lastSeq + 1, lastHash);
        lastSeq = record.seq;
        lastHash = record.hash;
        return record;
      });
      let inStore = false;
      try {
        if (spooling) await replaySpool();
        await storeChecked(records);
        inStore = true;
        batch.forEach((waiting) => waiting.resolve());
      } catch (storeError) {
        degraded(storeError);
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
      // After the responses are released: a checkpoint costs no request its latency.
      if (inStore) await advance(records);
    }
    if (tailWaiting()) await sealTail();
    if (!spooling && unsaved.length > 0) await saveUnsaved().catch(degraded);
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
  // Without traffic no flush comes: the timer signs a tail that has waited half the interval.
  const tail = setInterval(
    () => {
      if (tailWaiting()) void kick();
    },
    Math.max(50, checkpointIntervalMs / 6),
  );
  tail.unref();

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
      clearInterval(tail);
      while (flushing) await flushing;
      if (!spooling) {
        await sealTail();
        await saveUnsaved().catch(degraded);
      }
      await options.checkpointLog.close();
      await spool.close();
      await quarantineFile.close();
    },
  };
}
