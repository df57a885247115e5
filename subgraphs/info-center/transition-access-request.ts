/**
 * Every change of an access request's state goes the same way, inside the caller's transaction: the
 * row is locked (two administrators deciding at once see one pending request, then one decided
 * one); a request the actor may not see is NOT_FOUND, as if it did not exist; the rule decides on
 * the state it saw; the new state is written only over that state; and the change is recorded as a
 * governance event.
 */
import type { Transaction, Updateable } from 'kysely';
import { canSee } from '../../policies/governance/can-see.ts';
import type { RequestState } from '../../policies/governance/request-state.ts';
import type { Verdict } from '../../policies/governance/verdict.ts';
import type { AccessRequestsTable, Database } from '../../platform/store/tables.ts';
import { assertVerdict, notFound } from './governance-errors.ts';
import { recordEvent } from './governance-event-chain.ts';
import type { Actor } from './governance-services.ts';
import { requestStateOf, type AccessRequestRow } from './governance-rows.ts';

export interface AccessRequestTransition<T> {
  /** The rule deciding whether the change may be made (and with what). */
  check(request: RequestState): Verdict<T>;
  /** The columns the change sets. */
  change(checked: T, request: AccessRequestRow): Updateable<AccessRequestsTable>;
  /** The governance event recording it. */
  event(checked: T, request: AccessRequestRow): { action: string; reason?: string | null | undefined; details?: Record<string, unknown> };
}

export async function transitionAccessRequest<T>(
  trx: Transaction<Database>,
  actor: Actor,
  id: string,
  transition: AccessRequestTransition<T>,
): Promise<{ request: AccessRequestRow; checked: T; updated: AccessRequestRow }> {
  const request = await trx.selectFrom('access_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!request || !canSee(actor, requestStateOf(request))) throw notFound('access request', id);
  const checked = assertVerdict(transition.check(requestStateOf(request)));
  const updated = await trx
    .updateTable('access_requests')
    .set(transition.change(checked, request))
    .where('id', '=', id)
    .where('status', '=', request.status)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(trx, { actor, subjectKind: 'access_request', subjectId: id, ...transition.event(checked, request) });
  return { request, checked, updated };
}
