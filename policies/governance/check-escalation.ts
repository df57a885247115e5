/**
 * Check escalation
 *
 * An access request is only escalated by the department that made it, with a reason, and only once
 * the provider has refused it or left it unanswered past its due date. It goes to the profile's first
 * escalation step (`escalationStart`): negotiation between the two departments, or the coordination
 * office where the profile has no negotiation.
 * Serves art. 13: items the provider refuses, the consumer still needing them, are negotiated first;
 * only a failed negotiation goes to the coordination office.
 */
import type { RegulationProfile } from '../regulation-profile.ts';
import type { Consumer } from '../types.ts';
import { isOverdue } from './is-overdue.ts';
import type { RequestState } from './request-state.ts';
import { escalationStart, type RequestStep } from './request-steps.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export function checkEscalation(actor: Consumer, request: RequestState, reason: string, today: string, profile: RegulationProfile): Verdict<RequestStep> {
  if (actor.dept !== request.requestingDept) return deny('FORBIDDEN', 'Only the department that made the request can escalate it');
  if (request.status === 'PENDING' && !isOverdue({ dueDate: request.dueDate, awaitingAnswer: true }, today)) {
    return deny('CONFLICT', `The provider's answer is due by ${request.dueDate}; a pending request can be escalated once that day has passed`);
  }
  if (request.status !== 'REFUSED' && request.status !== 'PENDING') {
    return deny('CONFLICT', `Only a refused or overdue request can be escalated; this one is ${request.status.toLowerCase()}`);
  }
  if (!reason.trim()) return deny('BAD_USER_INPUT', 'Say why your department still needs the items');
  return allow(escalationStart(profile));
}
