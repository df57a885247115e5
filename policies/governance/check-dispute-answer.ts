/**
 * Check dispute answer
 *
 * A dispute is only answered by a sharing administrator of the disputed item's provider, once,
 * saying what was checked and found.
 * Serves art. 16 (the provider checks and answers) and art. 21 (its sharing administrator answers
 * for it).
 */
import type { Consumer } from '../types.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export function checkDisputeAnswer(actor: Consumer, dispute: { provider: string; status: string }, answer: string): Verdict {
  if (!actor.roles.includes('provider-admin') || actor.dept !== dispute.provider) {
    return deny('FORBIDDEN', `Only ${dispute.provider}'s sharing administrator answers this dispute`);
  }
  if (dispute.status !== 'OPEN') return deny('CONFLICT', 'The dispute is already answered');
  if (!answer.trim()) return deny('BAD_USER_INPUT', 'An answer must say what was checked and found');
  return allow(true);
}
