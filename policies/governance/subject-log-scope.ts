/**
 * Subject log scope
 *
 * Who may ask whose data was read ("accessesToSubject"): the operator (coordination office) sees
 * every access to a subject, for supervision and complaints (art. 22, 23); a provider's sharing
 * administrator sees the accesses its own department served, with its own items only (art. 15);
 * every other caller is refused, since the answer names which departments dealt with a person.
 * Which items an access lists is always the serving provider's: the record's granted and verified
 * items that provider holds.
 * Serves art. 15, 22, 23.
 */
import type { Consumer } from '../types.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export type SubjectLogScope = { kind: 'all' } | { kind: 'provider'; dept: string };

export function subjectLogScopeOf(actor: Consumer): Verdict<SubjectLogScope> {
  if (actor.roles.includes('platform-admin')) return allow({ kind: 'all' });
  if (actor.roles.includes('provider-admin')) return allow({ kind: 'provider', dept: actor.dept });
  return deny(
    'FORBIDDEN',
    "Only the platform operator, and a provider's sharing administrator for what its department served, may look up accesses to a subject",
  );
}

/** The items of one access a viewer sees: the serving provider's items of the record, for every scope that may see the access at all. */
export function subjectAccessItems(provider: string, items: readonly string[], providerOf: (coordinate: string) => string | undefined): string[] {
  return [...new Set(items.filter((item) => providerOf(item) === provider))];
}
