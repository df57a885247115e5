/**
 * Can see
 *
 * A request or dispute is visible to both its sides (the requesting or reporting department and the
 * provider) and to the operator; to no one else — as the actor's visibility scope says.
 * Serves art. 13, 16: status visible to both sides.
 */
import type { Consumer } from '../types.ts';
import { isInScope, visibilityScope, type RecordSides } from './visibility-scope.ts';

export function canSee(actor: Consumer, sides: RecordSides): boolean {
  return isInScope(visibilityScope(actor), sides);
}
