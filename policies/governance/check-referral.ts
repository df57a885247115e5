/**
 * Check referral
 *
 * An escalated request is only referred to the city leading group by the coordination office
 * (platform-admin), with its reason, and only where the regulation profile has that step.
 * Serves art. 13: the coordination office decides, "必要时报请市领导小组协调决定".
 */
import { hasEscalationStep, type RegulationProfile } from '../regulation-profile.ts';
import type { Consumer } from '../types.ts';
import type { RequestState } from './request-state.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export function checkReferral(actor: Consumer, request: RequestState, reason: string, profile: RegulationProfile): Verdict {
  if (!actor.roles.includes('platform-admin'))
    return deny('FORBIDDEN', 'Only the coordination office (platform-admin) refers a request to the city leading group');
  if (!hasEscalationStep(profile, 'CITY_LEADING_GROUP'))
    return deny('CONFLICT', `The regulation profile ${profile.name} has no referral to the city leading group: the coordination office decides`);
  if (request.status !== 'ESCALATED')
    return deny('CONFLICT', `Only a request with the coordination office is referred; this one is ${request.status.toLowerCase()}`);
  if (!reason.trim()) return deny('BAD_USER_INPUT', 'Say why the city leading group should decide');
  return allow(true);
}
