/**
 * The governance event log as a hash chain (art. 5: nothing is deleted, every change is traceable):
 * each event carries its place (`seq`), the previous event's hash and its own hash over every column
 * but the row id (the row's storage identity, not its content). Events are appended inside the
 * transaction of the change they record, after locking the chain's head row, so concurrent
 * transactions on PostgreSQL (and PGlite's single connection) extend one chain, never fork it.
 * `npm run audit:verify` walks it and names the first event changed, deleted, inserted or moved.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/store/tables.ts';
import {
  GOVERNANCE_CHAIN,
  GOVERNANCE_GENESIS_HASH,
  governanceEventToRow,
  hashGovernanceEvent,
  rowToGovernanceEvent,
  type GovernanceEventContent,
} from '../../platform/store/governance-event-codec.ts';
import type { Actor } from './governance-services.ts';
import { enqueueGovernanceNotification } from './notification-outbox.ts';

/**
 * Locks the chain's head for the rest of the transaction and returns it. Every transaction that
 * appends an event, or bumps the grants version, takes this lock first among the platform's shared
 * rows, so two transactions never wait for each other's locks in opposite orders.
 */
export async function lockGovernanceChain(trx: Transaction<Database>): Promise<{ seq: number; hash: string }> {
  const head = await trx.selectFrom('event_chain_heads').select(['seq', 'hash']).where('chain', '=', GOVERNANCE_CHAIN).forUpdate().executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
}

/** Appends one event to the chain, in `db`'s transaction (or a transaction of its own). */
export async function appendGovernanceEvent(db: Transaction<Database> | Kysely<Database>, event: Omit<GovernanceEventContent, 'at'>): Promise<void> {
  if (!db.isTransaction) return db.transaction().execute((trx) => appendGovernanceEvent(trx, event));
  const trx = db as Transaction<Database>;
  const head = await lockGovernanceChain(trx);
  // The details as the store will give them back (undefined members dropped), so the hash verifies.
  const content: GovernanceEventContent = { ...event, at: new Date().toISOString(), details: JSON.parse(JSON.stringify(event.details ?? {})) as unknown };
  const seq = head.seq + 1;
  const hash = hashGovernanceEvent(seq, head.hash, content);
  await trx
    .insertInto('governance_events')
    .values(governanceEventToRow(content, seq, head.hash, hash))
    .execute();
  await trx.updateTable('event_chain_heads').set({ seq, hash }).where('chain', '=', GOVERNANCE_CHAIN).execute();
}

export interface GovernanceChainReport {
  ok: boolean;
  events: number;
  /** The first problem found, naming the event. */
  problem?: string;
}

const PAGE = 5_000;

/** The verifier's read of the log: the events after event `afterSeq`, in order, at most `limit`. */
export function readGovernanceEventPage(db: Kysely<Database>, afterSeq: number, limit: number = PAGE) {
  return db.selectFrom('governance_events').selectAll().where('seq', '>', String(afterSeq)).orderBy('seq').limit(limit).execute();
}

export async function verifyGovernanceEvents(db: Kysely<Database>): Promise<GovernanceChainReport> {
  const outside = await db.selectFrom('governance_events').select('id').where('seq', 'is', null).orderBy('id').limit(1).executeTakeFirst();
  if (outside) return { ok: false, events: 0, problem: `governance event row id ${outside.id} has no place in the chain — it was inserted by hand` };
  let events = 0;
  let prevHash = GOVERNANCE_GENESIS_HASH;
  for (let after = 0; ;) {
    const rows = await readGovernanceEventPage(db, after);
    if (rows.length > 0) after = Number(rows[rows.length - 1]!.seq);
    for (const row of rows) {
      const seq = Number(row.seq);
      const where = `governance event ${seq} (row id ${row.id}, ${row.action} ${row.subject_kind} ${row.subject_id})`;
      if (seq !== events + 1) return { ok: false, events, problem: `${where}: expected event ${events + 1} next — an event was deleted` };
      if (row.prev_hash !== prevHash)
        return { ok: false, events, problem: `${where}: does not link to the previous event's hash — events were reordered or one was replaced` };
      if (hashGovernanceEvent(seq, row.prev_hash, rowToGovernanceEvent(row)) !== row.hash)
        return { ok: false, events, problem: `${where}: content does not match its hash — the event was changed` };
      prevHash = row.hash;
      events += 1;
    }
    if (rows.length < PAGE) break;
  }
  const head = await db.selectFrom('event_chain_heads').select(['seq', 'hash']).where('chain', '=', GOVERNANCE_CHAIN).executeTakeFirst();
  if (!head || Number(head.seq) !== events || head.hash !== prevHash) {
    return {
      ok: false,
      events,
      problem: `governance events: the chain's head names event ${head?.seq ?? 'none'} but the log ends at event ${events} — events were deleted from the end`,
    };
  }
  return { ok: true, events };
}

/** Every change is recorded with who, when and why, hash-chained to the events before it, and announced to whoever it concerns (the outbox); nothing is deleted. */
export async function recordEvent(
  trx: Transaction<Database> | Kysely<Database>,
  event: { actor: Actor; subjectKind: string; subjectId: string; action: string; reason?: string | null | undefined; details?: Record<string, unknown> },
): Promise<void> {
  if (!trx.isTransaction) return trx.transaction().execute((inner) => recordEvent(inner, event));
  await appendGovernanceEvent(trx, {
    actor: event.actor.app,
    actor_dept: event.actor.dept,
    subject_kind: event.subjectKind,
    subject_id: event.subjectId,
    action: event.action,
    reason: event.reason ?? null,
    details: event.details ?? {},
  });
  // The announcement is written with the event it announces: both commit or neither does.
  await enqueueGovernanceNotification(trx as Transaction<Database>, event);
}
