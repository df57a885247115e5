/** What the governance service works with; built once per gateway process. */
import type { GraphQLError } from 'graphql';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Consumer, ShareCatalog } from '../../policies/types.ts';
import type { Verdict } from '../../policies/governance/verdict.ts';
import { shareError } from '../../platform/errors.ts';
import type { Database } from '../store/tables.ts';
import { appendGovernanceEvent, lockGovernanceChain } from './governance-event-chain.ts';

export interface GovernanceDeps {
  db: Kysely<Database>;
  /** The share catalog of the composed supergraph (fails if not loaded yet: no decision on a guess). */
  catalog: () => ShareCatalog;
  departments: readonly string[];
  /** Longest validity of a grant, in days (`GRANT_MAX_VALIDITY_DAYS`). */
  grantMaxValidityDays: number;
  now: () => Date;
  /** Called after a grant changed and committed; resolves when this gateway's cache has it. */
  grantsChanged: () => Promise<void>;
}

export type Actor = Consumer;

/** Turns a refused verdict into the client error it stands for (rules return, adapters throw). */
export function assertVerdict<T>(verdict: Verdict<T>): T {
  if (verdict.ok) return verdict.value;
  throw shareError(verdict.problem, { message: verdict.message });
}

export function notFound(kind: string, id: string): GraphQLError {
  return shareError('NOT_FOUND', { message: `No ${kind} with id ${id} is visible to your department` });
}

/** Every change is recorded with who, when and why, hash-chained to the events before it; nothing is deleted. */
export async function recordEvent(
  trx: Transaction<Database> | Kysely<Database>,
  event: { actor: Actor; subjectKind: string; subjectId: string; action: string; reason?: string | null | undefined; details?: Record<string, unknown> },
): Promise<void> {
  await appendGovernanceEvent(trx, {
    actor: event.actor.app,
    actor_dept: event.actor.dept,
    subject_kind: event.subjectKind,
    subject_id: event.subjectId,
    action: event.action,
    reason: event.reason ?? null,
    details: event.details ?? {},
  });
}

/** Marks that grants changed, in the same transaction as the change (other gateway instances poll it). */
export async function bumpGrantsVersion(trx: Transaction<Database>): Promise<void> {
  await lockGovernanceChain(trx); // the event chain's lock first, as recordEvent takes it: no lock-order deadlock
  await trx.updateTable('platform_state').set({ value: sql`value + 1` }).where('key', '=', 'grants_version').execute();
}
