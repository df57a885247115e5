/**
 * The audit writer's checkpointing: where the cadence `audit:verify` demands (audit-checkpoint.ts)
 * asks for it, the chain's stored records are signed with the audit key — after at most
 * `checkpointEvery` records, before two records of one checkpoint's span lie more than
 * `checkpointIntervalMs` apart, and once the oldest unsigned record has waited half that interval.
 * Each checkpoint is appended to the chain's fsync'ed anchor log before its row is committed, then
 * published to Redis when configured. On start it saves the checkpoints a crash kept from the store
 * and checkpoints the unsigned tail a crash left.
 */
import type { Kysely } from 'kysely';
import type { KeyPair } from '../../platform/keys.ts';
import type { Database } from '../../platform/store/tables.ts';
import { signCheckpoint, CHECKPOINT_CADENCE, type Checkpoint } from './audit-checkpoint.ts';
import { checkpointToRow, storedInstant } from './audit-codec.ts';
import { GENESIS_HASH, type ChainedRecord } from './audit-record.ts';
import type { CheckpointLog } from './checkpoint-anchors.ts';

export interface CheckpointerOptions {
  db: Kysely<Database>;
  chain: string;
  /** The current audit signing key, asked at every checkpoint: a rotated key is used without a restart. */
  checkpointKey: () => Promise<KeyPair>;
  /** This chain's append-only checkpoint log outside the store. */
  checkpointLog: CheckpointLog;
  /** Further copies of each checkpoint once it is in the log (Redis); failures are only reported. */
  publishCheckpoints?: ((checkpoints: readonly Checkpoint[]) => Promise<void>) | undefined;
  /** Most records between signed checkpoints; default 1000. */
  checkpointEvery?: number | undefined;
  /** Longest time span of records between signed checkpoints; default 60 s. */
  checkpointIntervalMs?: number | undefined;
  degraded: (error: unknown) => void;
}

export interface Checkpointer {
  /** The longest span between checkpoints, in ms. */
  readonly intervalMs: number;
  /** Saves the checkpoints of an earlier run and signs the stored records it left unsigned; `stored` is the chain's last stored record. */
  resume(stored: { seq: number; hash: string }): Promise<void>;
  /** Checkpoints the records just stored where the cadence requires it. */
  advance(records: readonly Link[]): Promise<void>;
  /** Signs the stored records no checkpoint covers yet. */
  sealTail(): Promise<void>;
  /** Whether the oldest unsigned stored record has waited half the interval. */
  tailDue(): boolean;
  /** Stores the rows of checkpoints already in the anchor log. */
  saveUnsaved(): Promise<void>;
  hasUnsaved(): boolean;
}

export type Link = Pick<ChainedRecord, 'seq' | 'hash' | 'at'>;

/** Stored records not yet covered by a checkpoint. */
interface Segment {
  count: number;
  minAt: number;
  maxAt: number;
}

const EMPTY: Segment = { count: 0, minAt: Infinity, maxAt: -Infinity };
const widen = (segment: Segment, at: number): Segment => ({ count: segment.count + 1, minAt: Math.min(segment.minAt, at), maxAt: Math.max(segment.maxAt, at) });

export function createCheckpointer(options: CheckpointerOptions): Checkpointer {
  const { db, chain, degraded } = options;
  const checkpointEvery = options.checkpointEvery ?? CHECKPOINT_CADENCE.records;
  const checkpointIntervalMs = options.checkpointIntervalMs ?? CHECKPOINT_CADENCE.intervalMs;
  // The store's last record, the uncovered records before it, and checkpoints anchored but not yet in the store.
  let storedTail: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };
  let segment = EMPTY;
  let unsaved: Checkpoint[] = [];

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

  const sealTail = async () => {
    if (segment.count > 0 && (await seal([storedTail]))) segment = EMPTY;
  };

  const resume = async (stored: { seq: number; hash: string }) => {
    // Checkpoints a crash kept from the store after they reached the anchor log: their rows are saved
    // now when the record they sign is there, unchanged (otherwise verification will name the difference).
    const lastMark = await db.selectFrom('audit_checkpoints').select('seq').where('chain', '=', chain).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    let markSeq = Number(lastMark?.seq ?? 0);
    const orphans = (await options.checkpointLog.readTail(1 << 20)).filter((c) => c.chain === chain && c.seq > markSeq && c.seq <= stored.seq);
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
    storedTail = stored;
  };

  return {
    intervalMs: checkpointIntervalMs,
    resume,
    advance,
    sealTail,
    tailDue: () => segment.count > 0 && Date.now() - segment.minAt >= checkpointIntervalMs / 2,
    saveUnsaved,
    hasUnsaved: () => unsaved.length > 0,
  };
}
