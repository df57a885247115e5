/**
 * Access requests (art. 13): a consumer applies; the provider's sharing administrator approves
 * (possibly narrower) or refuses with a reason within 10 working days; a refused request, or one
 * left unanswered past its due date, can be escalated to the coordination office.
 */
import { randomUUID } from 'node:crypto';
import { canSee } from '../../policies/governance/can-see.ts';
import { checkAccessRequest } from '../../policies/governance/check-access-request.ts';
import { checkClosingEscalation } from '../../policies/governance/check-closing-escalation.ts';
import { checkDecision } from '../../policies/governance/check-decision.ts';
import { checkEscalation } from '../../policies/governance/check-escalation.ts';
import { chinaDate, endOfChinaDate } from '../../policies/governance/china-date.ts';
import { visibilityScope } from '../../policies/governance/visibility-scope.ts';
import type { Purpose } from '../../policies/types.ts';
import { assertVerdict, bumpGrantsVersion, notFound, recordEvent, type Actor, type GovernanceDeps } from './governance-deps.ts';
import { requestStateOf, type AccessRequestRow } from './governance-rows.ts';
import { validityWindow } from './grants.ts';
import { whereVisible } from './where-visible.ts';

export type { AccessRequestRow };

export interface RequestAccessInput {
  fields: string[];
  purpose: Purpose;
  matter?: string | null | undefined;
  justification: string;
  validUntil?: string | null | undefined;
}

export async function requestAccess(deps: GovernanceDeps, actor: Actor, input: RequestAccessInput): Promise<AccessRequestRow> {
  const now = deps.now();
  const checked = assertVerdict(checkAccessRequest(input, actor.dept, deps.catalog(), validityWindow(deps)));
  const row = {
    id: randomUUID(),
    requesting_dept: actor.dept,
    requested_by: actor.app,
    provider: checked.provider,
    fields: JSON.stringify(checked.fields),
    purpose: input.purpose,
    matter: input.matter?.trim() || null,
    justification: input.justification.trim(),
    wanted_until: checked.validUntil,
    status: checked.toCoordinationOffice ? 'ESCALATED' : 'PENDING',
    submitted_at: now,
    due_date: checked.dueDate,
    escalated_at: checked.toCoordinationOffice ? now : null,
    escalated_by: checked.toCoordinationOffice ? actor.app : null,
    escalation_reason: checked.toCoordinationOffice ? 'holds items not shared (NONE): only the coordination office can decide' : null,
  };
  return deps.db.transaction().execute(async (trx) => {
    const created = await trx.insertInto('access_requests').values(row).returningAll().executeTakeFirstOrThrow();
    await recordEvent(trx, { actor, subjectKind: 'access_request', subjectId: row.id, action: 'submitted', reason: row.justification, details: { fields: checked.fields, purpose: input.purpose } });
    return created;
  });
}

export async function decideAccessRequest(
  deps: GovernanceDeps,
  actor: Actor,
  input: { id: string; approve: boolean; reason?: string | null; fields?: string[] | null; validUntil?: string | null },
): Promise<AccessRequestRow> {
  const now = deps.now();
  const decided = await deps.db.transaction().execute(async (trx) => {
    // Row lock: two administrators deciding at once see one pending request, then one decided one.
    const request = await trx.selectFrom('access_requests').selectAll().where('id', '=', input.id).forUpdate().executeTakeFirst();
    if (!request || !canSee(actor, { requestingDept: request.requesting_dept, provider: request.provider })) throw notFound('access request', input.id);
    const decision = assertVerdict(
      checkDecision(
        actor,
        requestStateOf(request),
        { approve: input.approve, reason: input.reason ?? undefined, fields: input.fields ?? undefined, validUntil: input.validUntil ?? undefined },
        validityWindow(deps),
      ),
    );
    const updated = await trx
      .updateTable('access_requests')
      .set({
        status: input.approve ? 'APPROVED' : 'REFUSED',
        decided_at: now,
        decided_by: actor.app,
        decision_reason: input.reason?.trim() || null,
        granted_fields: input.approve ? JSON.stringify(decision.fields) : null,
        granted_until: input.approve ? decision.validUntil : null,
      })
      .where('id', '=', request.id)
      .where('status', '=', 'PENDING')
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.approve) {
      await trx
        .insertInto('grants')
        .values(decision.fields.map((field) => ({
          id: randomUUID(),
          kind: 'REQUEST',
          dept: request.requesting_dept,
          field,
          purpose: request.purpose,
          valid_from: now,
          valid_until: endOfChinaDate(decision.validUntil),
          request_id: request.id,
          basis: null,
          granted_by: actor.app,
          granted_at: now,
        })))
        .execute();
      await bumpGrantsVersion(trx);
    }
    await recordEvent(trx, { actor, subjectKind: 'access_request', subjectId: request.id, action: input.approve ? 'approved' : 'refused', reason: input.reason, details: { fields: decision.fields, validUntil: decision.validUntil } });
    return updated;
  });
  if (input.approve) await deps.grantsChanged();
  return decided;
}

export async function escalateAccessRequest(deps: GovernanceDeps, actor: Actor, id: string, reason: string): Promise<AccessRequestRow> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const request = await trx.selectFrom('access_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!request || !canSee(actor, { requestingDept: request.requesting_dept, provider: request.provider })) throw notFound('access request', id);
    assertVerdict(checkEscalation(actor, requestStateOf(request), reason, chinaDate(now)));
    const updated = await trx
      .updateTable('access_requests')
      .set({ status: 'ESCALATED', escalated_at: now, escalated_by: actor.app, escalation_reason: reason.trim() })
      .where('id', '=', id)
      .where('status', '=', request.status)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, { actor, subjectKind: 'access_request', subjectId: id, action: 'escalated', reason, details: { from: request.status } });
    return updated;
  });
}

/** The coordination office decides against an escalated request (art. 13); the reason is recorded. */
export async function closeEscalation(deps: GovernanceDeps, actor: Actor, id: string, reason: string): Promise<AccessRequestRow> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const request = await trx.selectFrom('access_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!request || !canSee(actor, { requestingDept: request.requesting_dept, provider: request.provider })) throw notFound('access request', id);
    assertVerdict(checkClosingEscalation(actor, requestStateOf(request), reason));
    const updated = await trx
      .updateTable('access_requests')
      .set({ status: 'CLOSED', decided_at: now, decided_by: actor.app, decision_reason: reason.trim() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, { actor, subjectKind: 'access_request', subjectId: id, action: 'escalation-closed', reason });
    return updated;
  });
}

export async function listAccessRequests(deps: GovernanceDeps, actor: Actor, status?: string | null): Promise<AccessRequestRow[]> {
  let query = deps.db.selectFrom('access_requests').selectAll().orderBy('submitted_at', 'desc');
  if (status) query = query.where('status', '=', status);
  return query.where(whereVisible('access_requests', visibilityScope(actor))).limit(500).execute();
}

export async function getAccessRequest(deps: GovernanceDeps, actor: Actor, id: string): Promise<AccessRequestRow | null> {
  const request = await deps.db.selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return request && canSee(actor, { requestingDept: request.requesting_dept, provider: request.provider }) ? request : null;
}
