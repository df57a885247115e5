/**
 * The governance event chain's format (art. 5: nothing is deleted, every change is traceable): what
 * an event's hash covers and how an event maps to its row and back. The info-center appends with it,
 * `npm run audit:verify` checks with it, and the migration that chained the existing log used it: one
 * definition, pinned by golden hashes (`governance-event-codec.test.ts`).
 */
import { createHash } from 'node:crypto';
import type { Insertable, Selectable } from 'kysely';
import type { GovernanceEventsTable } from './tables.ts';

export const GOVERNANCE_CHAIN = 'governance_events';
export const GOVERNANCE_GENESIS_HASH = 'genesis';

/**
 * An event's content: every column of `governance_events` but `id`, `seq`, `prev_hash` and `hash`,
 * with `at` as an ISO 8601 instant with milliseconds and `details` as the JSON value it holds.
 */
export type GovernanceEventContent = Omit<Selectable<GovernanceEventsTable>, 'id' | 'seq' | 'prev_hash' | 'hash' | 'at' | 'details'> & {
  at: string;
  details: unknown;
};

// jsonb keeps neither key order nor spacing: the hash sees keys sorted at every depth.
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

export function hashGovernanceEvent(seq: number, prevHash: string, event: GovernanceEventContent): string {
  const canonical = JSON.stringify([
    seq,
    prevHash,
    event.at,
    event.actor,
    event.actor_dept,
    event.subject_kind,
    event.subject_id,
    event.action,
    event.reason,
    sortKeys(event.details),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** A chained event's row: its content (details as jsonb), its place, the previous hash and its own. */
export function governanceEventToRow(event: GovernanceEventContent, seq: number, prevHash: string, hash: string): Insertable<GovernanceEventsTable> {
  return { ...event, details: JSON.stringify(event.details), seq, prev_hash: prevHash, hash };
}

/** The content a stored row holds, as the hash covers it: the inverse of `governanceEventToRow`. */
export function rowToGovernanceEvent(row: Selectable<GovernanceEventsTable>): GovernanceEventContent {
  return {
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    actor_dept: row.actor_dept,
    subject_kind: row.subject_kind,
    subject_id: row.subject_id,
    action: row.action,
    reason: row.reason,
    details: row.details,
  };
}
