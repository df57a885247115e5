/**
 * Access requests (art. 13): a consumer applies; the provider's sharing administrator approves
 * (possibly narrower) or refuses with a reason within the regulation profile's working days (10 under
 * 周政发〔2018〕6号); a refused request, or one left unanswered past its due date, is escalated to the
 * profile's next step — negotiation between the two departments, or the coordination office. The
 * steps the profile adds (compliance check, negotiation, city referral) are in `request-steps.ts`.
 */
import { randomUUID } from 'node:crypto';
import { canSee } from '../../policies/governance/can-see.ts';
import { checkAccessRequest } from '../../policies/governance/check-access-request.ts';
import { checkClosingEscalation } from '../../policies/governance/check-closing-escalation.ts';
import { checkDecision } from '../../policies/governance/check-decision.ts';
import { checkNarrowing, type RowConditionInput } from '../../policies/governance/check-narrowing.ts';
import { checkEscalation } from '../../policies/governance/check-escalation.ts';
import type { RequestState } from '../../policies/governance/request-state.ts';
import { chinaDate } from '../../policies/governance/china-date.ts';
import { allow, type Verdict } from '../../policies/governance/verdict.ts';
import { visibilityScope } from '../../policies/governance/visibility-scope.ts';
import type { GrantAction, MaskKind, Purpose, RowCondition } from '../../policies/types.ts';
import { assertVerdict } from './governance-errors.ts';
import { grantRequest } from './grants.ts';
import { recordEvent } from './governance-event-chain.ts';
import type { Actor, GovernanceServices } from './governance-services.ts';
import { requestStateOf, type AccessRequestRow } from './governance-rows.ts';
import { validityWindow } from './grants.ts';
import { transitionAccessRequest } from './transition-access-request.ts';
import { enterEscalation } from './enter-step.ts';
import { whereVisible } from './where-visible.ts';
import { loadWorkingCalendar } from './working-calendar.ts';

export type { AccessRequestRow };

export interface RequestAccessInput {
  fields: string[];
  purpose: Purpose;
  matter?: string | null | undefined;
  justification: string;
  validUntil?: string | null | undefined;
  /** What the grants would allow: READ (default) or VERIFY (核验). */
  action?: GrantAction | null | undefined;
}

export async function requestAccess(services: GovernanceServices, actor: Actor, input: RequestAccessInput): Promise<AccessRequestRow> {
  const now = services.now();
  const calendar = await loadWorkingCalendar(services.db);
  const checked = assertVerdict(checkAccessRequest(input, actor.dept, services.catalog(), validityWindow(services), calendar, services.profile));
  const toOffice = checked.step.status === 'ESCALATED';
  const row = {
    id: randomUUID(),
    requesting_dept: actor.dept,
    requested_by: actor.app,
    provider: checked.provider,
    fields: JSON.stringify(checked.fields),
    purpose: input.purpose,
    action: input.action ?? 'READ',
    matter: input.matter?.trim() || null,
    justification: input.justification.trim(),
    wanted_until: checked.validUntil,
    status: checked.step.status,
    submitted_at: now,
    due_date: checked.dueDate,
    regulation_profile: services.profile.name,
    step_started_at: now,
    step_working_days: checked.step.workingDays,
    negotiation_started_at: checked.step.status === 'NEGOTIATING' ? now : null,
    escalated_at: toOffice ? now : null,
    escalated_by: toOffice ? actor.app : null,
    escalation_reason: checked.holdsNotShared ? 'holds items not shared (NONE): the provider cannot grant them' : null,
  };
  return services.db.transaction().execute(async (trx) => {
    const created = await trx.insertInto('access_requests').values(row).returningAll().executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actor,
      subjectKind: 'access_request',
      subjectId: row.id,
      action: 'submitted',
      reason: row.justification,
      details: { fields: checked.fields, purpose: input.purpose, action: row.action, profile: services.profile.name, step: checked.step.status },
    });
    return created;
  });
}

/** The narrowing an approval carries, as grants and governance events hold it. */
function narrowingOf(granted: { mask?: MaskKind; condition?: RowCondition }): { mask?: MaskKind; condition?: RowCondition } {
  return { ...(granted.mask ? { mask: granted.mask } : {}), ...(granted.condition ? { condition: granted.condition } : {}) };
}

export async function decideAccessRequest(
  services: GovernanceServices,
  actor: Actor,
  input: {
    id: string;
    approve: boolean;
    reason?: string | null;
    fields?: string[] | null;
    validUntil?: string | null;
    mask?: string | null;
    condition?: RowConditionInput[] | null;
  },
): Promise<AccessRequestRow> {
  const now = services.now();
  const decision = { approve: input.approve, reason: input.reason ?? undefined, fields: input.fields ?? undefined, validUntil: input.validUntil ?? undefined };
  const narrowing = { mask: input.mask ?? undefined, condition: input.condition ?? undefined };
  const narrowed = (fields: readonly string[], state: RequestState) =>
    checkNarrowing(fields, narrowing, services.catalog(), { action: state.action === 'VERIFY' ? 'VERIFY' : 'READ', requestingDept: state.requestingDept });
  const decided = await services.db.transaction().execute(async (trx) => {
    const { request, checked, updated } = await transitionAccessRequest(trx, actor, input.id, {
      check: (state): Verdict<{ fields: string[]; validUntil: string; mask?: MaskKind; condition?: RowCondition }> => {
        const checked = checkDecision(actor, state, decision, validityWindow(services));
        if (!checked.ok || !input.approve) return checked;
        const narrowing = narrowed(checked.value.fields, state);
        return narrowing.ok ? allow({ ...checked.value, ...narrowing.value }) : narrowing;
      },
      change: (granted) => ({
        status: input.approve ? 'APPROVED' : 'REFUSED',
        decided_at: now,
        decided_by: actor.app,
        decision_reason: input.reason?.trim() || null,
        granted_fields: input.approve ? JSON.stringify(granted.fields) : null,
        granted_until: input.approve ? granted.validUntil : null,
      }),
      event: (granted) => ({
        action: input.approve ? 'approved' : 'refused',
        reason: input.reason,
        details: { fields: granted.fields, validUntil: granted.validUntil, ...narrowingOf(granted) },
      }),
    });
    if (input.approve) {
      // The request's purpose was checked when it was made (a schema enum).
      await grantRequest(trx, request, { kind: 'REQUEST', fields: checked.fields, validUntil: checked.validUntil, ...narrowingOf(checked) }, actor.app, now);
    }
    return updated;
  });
  if (input.approve) await services.grantsChanged();
  return decided;
}

/** The requesting department takes a refused or overdue request to the profile's next step: negotiation, or the coordination office. */
export async function escalateAccessRequest(services: GovernanceServices, actor: Actor, id: string, reason: string): Promise<AccessRequestRow> {
  const now = services.now();
  return services.db.transaction().execute(async (trx) => {
    const calendar = await loadWorkingCalendar(trx);
    const { updated } = await transitionAccessRequest(trx, actor, id, {
      check: (state) => checkEscalation(actor, state, reason, chinaDate(now), services.profile),
      change: (step) => enterEscalation(step, now, calendar, { by: actor.app, reason: reason.trim() }),
      event: (step, request) => ({ action: 'escalated', reason, details: { from: request.status, to: step.status } }),
    });
    return updated;
  });
}

/** The coordination office decides against an escalated request (art. 13); the reason is recorded. */
export async function closeEscalation(services: GovernanceServices, actor: Actor, id: string, reason: string): Promise<AccessRequestRow> {
  const now = services.now();
  return services.db.transaction().execute(async (trx) => {
    const { updated } = await transitionAccessRequest(trx, actor, id, {
      check: (state) => checkClosingEscalation(actor, state, reason),
      change: () => ({ status: 'CLOSED', decided_at: now, decided_by: actor.app, decision_reason: reason.trim() }),
      event: () => ({ action: 'escalation-closed', reason }),
    });
    return updated;
  });
}

export async function listAccessRequests(services: GovernanceServices, actor: Actor, status?: string | null): Promise<AccessRequestRow[]> {
  let query = services.db.selectFrom('access_requests').selectAll().orderBy('submitted_at', 'desc');
  if (status) query = query.where('status', '=', status);
  return query
    .where(whereVisible('access_requests', visibilityScope(actor)))
    .limit(500)
    .execute();
}

export async function getAccessRequest(services: GovernanceServices, actor: Actor, id: string): Promise<AccessRequestRow | null> {
  const request = await services.db.selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return request && canSee(actor, requestStateOf(request)) ? request : null;
}
