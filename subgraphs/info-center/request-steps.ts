/**
 * The steps of an access request that the regulation profile adds around the provider's answer
 * (周政发〔2018〕6号 art. 13): the operator's compliance check (provincial-two-step), the negotiation
 * between the two departments and its outcome, the coordination office's referral to the city leading
 * group, and the city's decision entered when it comes. Each is one transition of the request, with
 * its reason as a governance event; an agreement and a city decision that grants make grants.
 */
import { checkCityDecision } from '../../policies/governance/check-city-decision.ts';
import { checkComplianceCheck } from '../../policies/governance/check-compliance-check.ts';
import { checkNegotiationOutcome } from '../../policies/governance/check-negotiation-outcome.ts';
import { checkReferral } from '../../policies/governance/check-referral.ts';
import { notSharedItems, enterStep } from './enter-step.ts';
import { grantRequest, validityWindow } from './grants.ts';
import type { Actor, GovernanceServices } from './governance-services.ts';
import type { AccessRequestRow } from './governance-rows.ts';
import { transitionAccessRequest } from './transition-access-request.ts';
import { loadWorkingCalendar } from './working-calendar.ts';

/** The platform operator passes a request on to the provider (or to negotiation), or refuses it with its reason. */
export async function checkCompliance(
  services: GovernanceServices,
  actor: Actor,
  input: { id: string; pass: boolean; reason?: string | null; publicationNeeded?: boolean | null },
): Promise<AccessRequestRow> {
  const now = services.now();
  const finding = { pass: input.pass, reason: input.reason ?? undefined, publicationNeeded: input.publicationNeeded ?? false };
  return services.db.transaction().execute(async (trx) => {
    const calendar = await loadWorkingCalendar(trx);
    const { updated } = await transitionAccessRequest(trx, actor, input.id, {
      check: (request) =>
        checkComplianceCheck(actor, request, finding, {
          holdsNotShared: notSharedItems(request.fields, services.catalog()).length > 0,
          profile: services.profile,
        }),
      change: (step) => ({
        ...enterStep(step, now, calendar),
        compliance_checked_at: now,
        compliance_checked_by: actor.app,
        compliance_reason: input.reason?.trim() || null,
        publication_needed: input.pass ? finding.publicationNeeded : null,
        ...(step.status === 'NEGOTIATING' ? { negotiation_started_at: now } : {}),
      }),
      event: (step) => ({
        action: input.pass ? 'compliance-passed' : 'compliance-refused',
        reason: input.reason,
        details: { to: step.status, publicationNeeded: finding.publicationNeeded },
      }),
    });
    return updated;
  });
}

/** One of the two departments records how the negotiation ended: agreed (the provider grants) or failed (to the coordination office). */
export async function recordNegotiation(
  services: GovernanceServices,
  actor: Actor,
  input: { id: string; outcome: 'AGREED' | 'FAILED'; text: string; fields?: string[] | null; validUntil?: string | null },
): Promise<AccessRequestRow> {
  const now = services.now();
  const agreed = input.outcome === 'AGREED';
  const record = { outcome: input.outcome, text: input.text, fields: input.fields ?? undefined, validUntil: input.validUntil ?? undefined };
  const recorded = await services.db.transaction().execute(async (trx) => {
    const { request, checked, updated } = await transitionAccessRequest(trx, actor, input.id, {
      check: (request) =>
        checkNegotiationOutcome(actor, request, record, { notShared: notSharedItems(request.fields, services.catalog()), window: validityWindow(services) }),
      change: (granted) => ({
        status: agreed ? 'AGREED' : 'ESCALATED',
        step_started_at: now,
        step_working_days: null,
        negotiation_outcome: input.outcome,
        negotiation_text: input.text.trim(),
        negotiated_at: now,
        negotiated_by: actor.app,
        ...(agreed ? { granted_fields: JSON.stringify(granted.fields), granted_until: granted.validUntil } : { escalated_at: now }),
      }),
      event: (granted) => ({
        action: agreed ? 'negotiation-agreed' : 'negotiation-failed',
        reason: input.text,
        details: agreed ? { fields: granted.fields, validUntil: granted.validUntil } : {},
      }),
    });
    if (agreed) {
      await grantRequest(trx, request, { kind: 'REQUEST', fields: checked.fields, validUntil: checked.validUntil }, actor.app, now);
    }
    return updated;
  });
  if (agreed) await services.grantsChanged();
  return recorded;
}

/** The coordination office refers an escalated request to the city leading group, with its reason. */
export async function referToCity(services: GovernanceServices, actor: Actor, id: string, reason: string): Promise<AccessRequestRow> {
  const now = services.now();
  return services.db.transaction().execute(async (trx) => {
    const { updated } = await transitionAccessRequest(trx, actor, id, {
      check: (request) => checkReferral(actor, request, reason, services.profile),
      change: () => ({
        status: 'REFERRED_TO_CITY',
        step_started_at: now,
        step_working_days: null,
        referred_at: now,
        referred_by: actor.app,
        referral_reason: reason.trim(),
      }),
      event: () => ({ action: 'referred-to-city', reason }),
    });
    return updated;
  });
}

/** The coordination office enters the city leading group's decision; one that grants is recorded as exceptional grants on its basis. */
export async function enterCityDecision(
  services: GovernanceServices,
  actor: Actor,
  input: { id: string; approve: boolean; decision: string; fields?: string[] | null; validUntil?: string | null },
): Promise<AccessRequestRow> {
  const now = services.now();
  const decision = { approve: input.approve, decision: input.decision, fields: input.fields ?? undefined, validUntil: input.validUntil ?? undefined };
  const entered = await services.db.transaction().execute(async (trx) => {
    const { request, checked, updated } = await transitionAccessRequest(trx, actor, input.id, {
      check: (request) => checkCityDecision(actor, request, decision, validityWindow(services)),
      change: (granted) => ({
        status: input.approve ? 'CITY_APPROVED' : 'CITY_REFUSED',
        step_started_at: now,
        step_working_days: null,
        city_decision: input.decision.trim(),
        city_decision_entered_at: now,
        city_decision_entered_by: actor.app,
        ...(input.approve ? { granted_fields: JSON.stringify(granted.fields), granted_until: granted.validUntil } : {}),
      }),
      event: (granted) => ({ action: 'city-decision-entered', reason: input.decision, details: { approve: input.approve, fields: granted.fields } }),
    });
    if (input.approve) {
      await grantRequest(
        trx,
        request,
        { kind: 'EXCEPTION', fields: checked.fields, validUntil: checked.validUntil, basis: input.decision.trim() },
        actor.app,
        now,
      );
    }
    return updated;
  });
  if (input.approve) await services.grantsChanged();
  return entered;
}
