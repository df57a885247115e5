/**
 * Check closing escalation
 *
 * An escalated request is only closed without an exception by the coordination office
 * (platform-admin), with its reason recorded.
 * Serves art. 13: the coordination office decides escalated requests and gives its reasons.
 */
import type { Consumer } from '../types.ts';
import type { RequestState } from './request-state.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export function checkClosingEscalation(actor: Consumer, request: RequestState, reason: string): Verdict {
  if (!actor.roles.includes('platform-admin')) return deny('FORBIDDEN', 'Only the coordination office (platform-admin) decides escalated requests');
  if (request.status !== 'ESCALATED') return deny('CONFLICT', `Only an escalated request can be closed; this one is ${request.status.toLowerCase()}`);
  if (!reason.trim()) return deny('BAD_USER_INPUT', 'The coordination office must give its reason (art. 13)');
  return allow(true);
}
