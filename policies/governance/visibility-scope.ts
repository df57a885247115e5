/**
 * Visibility scope
 *
 * An access request or a dispute is only visible to its two sides — the department that made it
 * (the requesting or reporting department) and the provider of its items — and to the platform
 * operator, who sees them all; to anyone else it does not exist (NOT_FOUND, never FORBIDDEN).
 * The scope is data: `isInScope` reads it for one record in memory, and the store adapter turns the
 * same scope into the where-clause of a listing, so a listing and a look-up cannot disagree.
 * Serves art. 13 and 16: the status of a request or dispute is visible to both sides.
 */
import type { Consumer } from '../types.ts';

/** The two sides of a request or dispute, by department code. */
export interface RecordSides {
  /** The requesting department of an access request, the reporting department of a dispute. */
  requestingDept: string;
  provider: string;
}

export type Side = keyof RecordSides;

/** Everything, or the records where the department stands on one of the named sides. */
export type VisibilityScope = { kind: 'all' } | { kind: 'sides'; dept: string; sides: readonly Side[] };

const BOTH_SIDES: readonly Side[] = ['requestingDept', 'provider'];

export function visibilityScope(actor: Consumer): VisibilityScope {
  if (actor.roles.includes('platform-admin')) return { kind: 'all' };
  return { kind: 'sides', dept: actor.dept, sides: BOTH_SIDES };
}

/** Whether one record lies in the scope. */
export function isInScope(scope: VisibilityScope, record: RecordSides): boolean {
  return scope.kind === 'all' || scope.sides.some((side) => record[side] === scope.dept);
}
