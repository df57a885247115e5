/**
 * Check role claims
 *
 * A governance operation is only run for a caller whose administrative roles are borne out by the
 * department registry, whatever its token claims: `platform-admin` belongs to the platform operator
 * (info-center) alone, and `provider-admin` to the applications the registry lists as sharing
 * administrators of the caller's own department. A token claiming more is refused outright rather
 * than served as a mere consumer, so that a mis-issued token is noticed, not quietly tolerated.
 * Serves art. 4 (the info-center runs the platform) and art. 21 (each department names its sharing
 * administrators).
 */
import { PLATFORM_OPERATOR, type Consumer } from '../types.ts';
import { allow, deny, type Verdict } from './verdict.ts';

/**
 * @param listedAdministrator whether the registry lists `actor.app` as a sharing administrator of
 *   `actor.dept` now (only asked when the token claims `provider-admin`).
 */
export function checkRoleClaims(actor: Consumer, listedAdministrator: boolean): Verdict<Consumer> {
  if (actor.roles.includes('platform-admin') && actor.dept !== PLATFORM_OPERATOR) {
    return deny(
      'FORBIDDEN',
      `platform-admin belongs to the platform operator (${PLATFORM_OPERATOR}) alone; a token of ${actor.dept} claiming it is refused (art. 4)`,
    );
  }
  if (actor.roles.includes('provider-admin') && !listedAdministrator) {
    return deny(
      'FORBIDDEN',
      `${actor.app} is not a listed sharing administrator of ${actor.dept} (art. 21); the platform operator keeps the list in the department registry`,
    );
  }
  return allow(actor);
}
