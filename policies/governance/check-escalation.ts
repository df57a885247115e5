/**
 * Check escalation
 *
 * An access request is only escalated to the coordination office by the department that made it,
 * with a reason, and only once the provider has refused it or left it unanswered past its due date.
 * Serves art. 13: a refused or unanswered request goes to the coordination office.
 */
import type { Consumer } from '../types.ts';
import { isOverdue } from './is-overdue.ts';
import type { RequestState } from './request-state.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export function checkEscalation(actor: Consumer, request: RequestState, reason: string, today: string): Verdict {
  if (actor.dept !== request.requestingDept) return deny('FORBIDDEN', 'Only the department that made the request can escalate it');
  if (request.status === 'PENDING' && !isOverdue({ dueDate: request.dueDate, awaitingAnswer: true }, today)) {
    return deny('CONFLICT', `The provider's answer is due by ${request.dueDate}; a pending request can be escalated once that day has passed`);
  }
  if (request.status !== 'REFUSED' && request.status !== 'PENDING') {
    return deny('CONFLICT', `Only a refused or overdue request can be escalated; this one is ${request.status.toLowerCase()}`);
  }
  if (!reason.trim()) return deny('BAD_USER_INPUT', 'Say why the coordination office should decide otherwise');
  return allow(true);
}
