/**
 * Check compliance check
 *
 * A request waiting for the compliance check is only passed or refused by the platform operator
 * (platform-admin), and only while it waits; a refusal gives its reason. A passed request goes to the
 * provider, whose answer is then due in the profile's working days — more when the operator finds
 * that the provider must first publish the items — or, holding items not shared (NONE), which no
 * provider may grant, to the first escalation step.
 * Serves the provincial two-step procedure (`provincial-two-step`): the operator checks compliance,
 * then the provider answers; art. 4 (the operator runs the platform).
 */
import type { RegulationProfile } from '../regulation-profile.ts';
import type { Consumer } from '../types.ts';
import type { RequestState } from './request-state.ts';
import { providerStep, type RequestStep } from './request-steps.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export interface ComplianceFinding {
  pass: boolean;
  reason?: string | undefined;
  /** The provider must first publish the items (a longer answer deadline). */
  publicationNeeded: boolean;
}

export function checkComplianceCheck(
  actor: Consumer,
  request: RequestState,
  finding: ComplianceFinding,
  context: { holdsNotShared: boolean; profile: RegulationProfile },
): Verdict<RequestStep> {
  if (!actor.roles.includes('platform-admin')) return deny('FORBIDDEN', "Only the platform operator (platform-admin) checks a request's compliance");
  if (request.status !== 'COMPLIANCE_CHECK')
    return deny('CONFLICT', `The request is ${request.status.toLowerCase()}; only a request waiting for its compliance check is checked`);
  if (!finding.pass) {
    if (!finding.reason?.trim()) return deny('BAD_USER_INPUT', 'A request found not compliant must be told why');
    return allow({ status: 'COMPLIANCE_REFUSED', workingDays: null });
  }
  return allow(providerStep(context.profile, context.holdsNotShared, finding.publicationNeeded));
}
