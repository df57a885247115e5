/**
 * Durable audit with group commit: `append` resolves only when the record is in the store (one
 * statement, one round trip, for every record waiting at that moment, up to `maxBatch`:
 * store-audit-records.ts) or, if the store cannot be reached, fsync'ed in the local spool. If
 * neither is possible it rejects, and the gateway answers 503 AUDIT_UNAVAILABLE instead of the
 * data. Spooled records are replayed into the store, in order and at most once (unique chain, seq
 * and time), as soon as it answers again. A record the store refuses for
 * its content (not for being away) is quarantined, in the store or else in a local fsync'ed file,
 * and an alert raised: it never blocks the records after it, live or in replay.
 *
 * Another writer on this chain (a second gateway given the same AUDIT_CHAIN) is a misconfiguration
 * the store names when a live record's place in the chain is already held (migration 0020). The
 * writer then fails closed and stays so until restarted: the group's requests and every later one are
 * refused (`AuditChainTakenError`, answered 503 AUDIT_UNAVAILABLE), nothing is spooled (a spooled
 * record would meet the same place again), `/readyz` turns unready and a `chain-taken` alert is
 * raised. Records already spooled were answered: they are still replayed, and one whose place is held
 * is quarantined rather than lost; the writer then stops serving the same way. A replayed record
 * stored before (same chain, seq and time, same hash) is skipped, as ever; another hash at that
 * place and time is another writer's record, met at the same millisecond: quarantined, stopped.
 *
 * Checkpoints keep the cadence `audit:verify` demands (audit-checkpointer.ts): the records the writer
 * stores are handed to the checkpointer, on start (the tail a crash left unsigned), after each batch
 * (in order, while the next batch is stored), by a timer when traffic is light, and on close.
 */
import type { Kysely } from 'kysely';
import type { KeyPair } from '../../platform/keys.ts';
import type { Database } from '../../platform/store/tables.ts';
import type { QuarantinedRecord } from './audit-quarantine.ts';
import { ChainPlaceTakenError, createRecordStore, type AuditAlert, type AuditWriterState, type RecordStoreOptions } from './store-audit-records.ts';
import { CHECKPOINT_CADENCE, type Checkpoint } from './audit-checkpoint.ts';
import { createCheckpointer, type Link } from './audit-checkpointer.ts';
import { chainRecord, GENESIS_HASH, type AuditEntry, type ChainedRecord } from './audit-record.ts';
import type { AuditSpool } from './audit-spool.ts';
import type { CheckpointLog } from './checkpoint-anchors.ts';
import type { OperationDocument } from './operation-document.ts';
import { createDocumentStore } from './store-operation-documents.ts';

export type { AuditAlert, AuditWriterState } from './store-audit-records.ts';

export interface AuditWriter {
  /** Resolves once the record is durable; `document` is the operation document its `documentHash` names, kept beside it. */
  append(entry: AuditEntry, document?: OperationDocument): Promise<void>;
  state(): AuditWriterState;
  /** Records waiting for the next group commit (metrics). */
  queueDepth(): number;
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
  /** Most records in one group commit; default 500. */
  maxBatch?: number;
  /** How a group is stored (store-audit-records.ts); default one statement per group. */
  insertGroup?: RecordStoreOptions['insertGroup'];
  /** Operation documents waiting for the store, at most (store-operation-documents.ts); default 1 000. */
  maxPendingDocuments?: number;
  onDegraded?: (error: unknown) => void;
}

export class AuditUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The audit record could not be stored nor spooled', { cause });
    this.name = 'AuditUnavailableError';
  }
}

/** The record was refused because another writer uses this chain: this writer serves nothing until restarted. */
export class AuditChainTakenError extends AuditUnavailableError {
  constructor(cause: ChainPlaceTakenError) {
    super(cause);
    this.message = cause.message;
    this.name = 'AuditChainTakenError';
  }
}

interface Waiting {
  entry: AuditEntry;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export async function createAuditWriter(options: AuditWriterOptions): Promise<AuditWriter> {
  const { db, spool, quarantineFile, chain } = options;
  const maxBatch = options.maxBatch ?? 500;
  const degraded = (error: unknown) => options.onDegraded?.(error);
  const queue: Waiting[] = [];
  let flushing: Promise<void> | undefined;
  let spooling = false;
  const state: AuditWriterState = {
    spool: { waiting: 0, oldestAt: undefined },
    quarantine: { count: 0, inFile: 0, last: undefined },
    documents: { dropped: 0, last: undefined },
    chainTaken: undefined,
  };
  let taken: ChainPlaceTakenError | undefined;
  const alerts: AuditAlert[] = [];
  let listener: ((alert: AuditAlert) => void) | undefined;
  // Alerts raised before anyone listens (start-up replay) wait for the listener; a bounded few.
  const alert = (raised: AuditAlert) => (listener ? listener(raised) : alerts.length < 100 && alerts.push(raised));
  const { storeChecked, replayQuarantineFile } = createRecordStore({ db, quarantineFile, state, alert, insertGroup: options.insertGroup });
  const documents = createDocumentStore({ db, state, alert, ...(options.maxPendingDocuments ? { maxPending: options.maxPendingDocuments } : {}) });

  const checkpoints = createCheckpointer({
    db,
    chain,
    checkpointKey: options.checkpointKey,
    checkpointLog: options.checkpointLog,
    publishCheckpoints: options.publishCheckpoints,
    checkpointEvery: options.checkpointEvery,
    checkpointIntervalMs: options.checkpointIntervalMs,
    degraded,
  });

  /** From now on nothing is served on this chain: a restart (with a chain of its own) is the way back. */
  const stopServing = (error: ChainPlaceTakenError) => {
    if (taken) return;
    taken = error;
    state.chainTaken = { seq: error.seq, at: new Date().toISOString(), problem: error.message };
    alert({ kind: 'chain-taken', chain, seq: error.seq, error });
  };

  /**
   * The checkpointer's work beside the group commits (audit-checkpointer.ts): the records of a batch
   * are handed over once its answers are released, and the next batch is stored meanwhile, so that
   * signing a checkpoint (a signature, an fsync'ed anchor line and a row: tens of milliseconds on a busy
   * machine, every 1 000 records) delays no request. One job at a time takes every record handed over
   * since the last, in order, and then the tail's checkpoint when due. It never falls far behind: a
   * batch is stored only once fewer than a checkpoint's worth of records wait for it. A replay and
   * `close` wait for it.
   */
  const checkpointEvery = options.checkpointEvery ?? CHECKPOINT_CADENCE.records;
  let handedOver: Link[] = [];
  let tailAsked = false;
  let checkpointing: Promise<void> | undefined;
  const report = (error: unknown) => {
    try {
      degraded(error);
    } catch {
      // A failing report must not stop the checkpoints.
    }
  };
  const runCheckpoints = async () => {
    try {
      do {
        const links = handedOver;
        handedOver = [];
        if (links.length > 0) await checkpoints.advance(links);
        if (tailAsked && handedOver.length === 0) {
          tailAsked = false;
          if (tailWaiting()) await checkpoints.sealTail();
          if (!spooling && checkpoints.hasUnsaved()) await checkpoints.saveUnsaved().catch(report);
        }
      } while (handedOver.length > 0 || tailAsked);
    } catch (error) {
      report(error);
    } finally {
      // In the same step as the last look at what waits: nothing handed over meanwhile is left without a job.
      checkpointing = undefined;
    }
  };
  const checkpointLater = (records: readonly ChainedRecord[], { tail = false } = {}) => {
    for (const { seq, hash, at } of records) handedOver.push({ seq, hash, at });
    tailAsked ||= tail;
    // Started a step later, so that the job is `checkpointing` from now until it ends.
    checkpointing ??= Promise.resolve().then(runCheckpoints);
  };
  const checkpointsSettled = async () => {
    while (checkpointing) await checkpointing;
  };

  /**
   * Moves spooled records into the store, in order; the spool is emptied only once all are in or
   * quarantined. A place another writer took (the record quarantined) stops serving, as a live one does.
   */
  const replaySpool = async () => {
    await checkpointsSettled();
    const spooled = await spool.read();
    for (let i = 0; i < spooled.length; i += maxBatch) {
      const slice = spooled.slice(i, i + maxBatch);
      const placeTaken = await storeChecked(slice, { replayed: true });
      if (placeTaken) stopServing(placeTaken);
      await checkpoints.advance(slice);
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
  const [storedRecord, storedQuarantine, archived] = await Promise.all([
    db.selectFrom('audit_records').select(['seq', 'hash']).where('chain', '=', chain).orderBy('seq', 'desc').limit(1).executeTakeFirst(),
    db.selectFrom('audit_quarantine').select(['seq', 'hash']).where('chain', '=', chain).orderBy('seq', 'desc').limit(1).executeTakeFirst(),
    // A chain whose every stored month was archived continues after its archived end, never from the start again.
    db
      .selectFrom('audit_archive_chains')
      .select(['through_seq as seq', 'through_hash as hash'])
      .where('chain', '=', chain)
      .orderBy('through_seq', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const stored = [storedRecord, storedQuarantine, archived].reduce((a, b) => (Number(b?.seq ?? 0) > Number(a?.seq ?? 0) ? b : a), undefined);
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  for (const tail of [stored, spooled[spooled.length - 1], quarantinedLocally[quarantinedLocally.length - 1]?.record]) {
    if (tail && Number(tail.seq) > lastSeq) ({ seq: lastSeq, hash: lastHash } = { seq: Number(tail.seq), hash: tail.hash });
  }
  state.spool = { waiting: spooled.length, oldestAt: spooled[0]?.at };
  state.quarantine.inFile = quarantinedLocally.length;

  await checkpoints.resume({ seq: Number(stored?.seq ?? 0), hash: stored?.hash ?? GENESIS_HASH });
  if (spooled.length > 0) await replaySpool().catch((error: unknown) => ((spooling = true), degraded(error)));
  await replayQuarantineFile().catch(degraded);
  if (!spooling) await checkpoints.sealTail();

  const tailWaiting = () => !spooling && checkpoints.tailDue();

  const flush = async () => {
    if (spooling && queue.length === 0) await replaySpool().catch(degraded);
    if (!spooling) await replayQuarantineFile().catch(degraded);
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      if (taken) {
        batch.forEach((waiting) => waiting.reject(new AuditChainTakenError(taken!)));
        continue;
      }
      // Before the records that name them; a store that cannot take them now leaves them for the next flush.
      if (!spooling) await documents.flush().catch(degraded);
      // The checkpoints keep up: a checkpoint's worth of records waiting for them holds the next batch.
      if (checkpointing && handedOver.length >= checkpointEvery) await checkpointsSettled();
      const records = batch.map(({ entry }) => {
        const record = chainRecord(entry, chain, lastSeq + 1, lastHash);
        lastSeq = record.seq;
        lastHash = record.hash;
        return record;
      });
      let inStore = false;
      try {
        if (spooling) await replaySpool();
        // The replay met another writer's record: these records are not stored on a chain known to be shared.
        if (taken) throw taken;
        await storeChecked(records);
        inStore = true;
        batch.forEach((waiting) => waiting.resolve());
      } catch (storeError) {
        degraded(storeError);
        // Another writer's record was met, here or by a replay that failed later on: nothing more is served.
        const chainTaken = storeError instanceof ChainPlaceTakenError ? storeError : taken;
        if (chainTaken) {
          stopServing(chainTaken);
          batch.forEach((waiting) => waiting.reject(new AuditChainTakenError(chainTaken)));
          continue;
        }
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
      // After the responses are released, beside the next batch: a checkpoint costs no request its latency.
      if (inStore) checkpointLater(records);
    }
    if (!spooling) await documents.flush().catch(degraded);
    checkpointLater([], { tail: true });
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
    Math.max(50, checkpoints.intervalMs / 6),
  );
  tail.unref();

  return {
    append(entry, document) {
      if (taken) return Promise.reject(new AuditChainTakenError(taken));
      documents.add(document);
      return new Promise<void>((resolve, reject) => {
        queue.push({ entry, resolve, reject });
        void kick();
      });
    },
    state: () => structuredClone(state),
    queueDepth: () => queue.length,
    onAlert(next) {
      listener = next;
      for (const raised of alerts.splice(0)) next(raised);
    },
    async close() {
      clearInterval(retry);
      clearInterval(tail);
      while (flushing) await flushing;
      await checkpointsSettled();
      if (!spooling) {
        await checkpoints.sealTail();
        await checkpoints.saveUnsaved().catch(degraded);
      }
      await options.checkpointLog.close();
      await spool.close();
      await quarantineFile.close();
    },
  };
}
