/**
 * Grant scope
 *
 * A grant is visible to its two sides — the department holding it and the provider of its item —
 * and to the platform operator, as an access request or a dispute is (the visibility scope); to
 * anyone else it does not exist: a look-up answers NOT_FOUND, never FORBIDDEN, which would say that
 * it exists. A grant whose item left the catalog has no provider side left.
 *
 * `myGrants` lists the grants the caller's department holds; the operator's lists every
 * department's: it builds and coordinates the platform (art. 4), supervises sharing (art. 17),
 * grants exceptions and revokes any grant, and can only do that over grants it can find.
 * Serves art. 4, 13 and 17.
 */
import type { Consumer, ShareCatalog } from '../types.ts';
import type { RecordSides } from './visibility-scope.ts';

/** The two sides of a grant: the holding department and the provider of its item. */
export function grantSides(grant: { dept: string; field: string }, catalog: ShareCatalog): RecordSides {
  return { requestingDept: grant.dept, provider: catalog.get(grant.field)?.provider ?? '' };
}

/** Which grants a listing shows: every department's, or those one department holds. */
export type GrantListingScope = { kind: 'all' } | { kind: 'holder'; dept: string };

export function grantListingScope(actor: Consumer): GrantListingScope {
  if (actor.roles.includes('platform-admin')) return { kind: 'all' };
  return { kind: 'holder', dept: actor.dept };
}

/** Whether one grant lies in the listing scope. */
export function isListed(scope: GrantListingScope, grant: { dept: string }): boolean {
  return scope.kind === 'all' || grant.dept === scope.dept;
}
