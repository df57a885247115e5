/**
 * Can see
 *
 * A request or dispute is visible to both its sides (the requesting or reporting department and the
 * provider) and to the operator; to no one else.
 * Serves art. 13, 16: status visible to both sides.
 */
import type { Consumer } from '../types.ts';

export function canSee(actor: Consumer, sides: { requestingDept: string; provider: string }): boolean {
  return actor.roles.includes('platform-admin') || actor.dept === sides.requestingDept || actor.dept === sides.provider;
}
