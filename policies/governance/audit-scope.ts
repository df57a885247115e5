/**
 * Audit scope
 *
 * Who sees which audit records: the operator sees all (art. 17 evaluation); a provider's sharing
 * administrator sees who received its department's items (art. 15), limited to those items; every
 * department sees what it received itself.
 * Serves art. 15, 17.
 */
import type { Consumer } from '../types.ts';

export type AuditScope = { kind: 'all' } | { kind: 'consumer-or-provider'; dept: string } | { kind: 'consumer'; dept: string };

export function auditScopeOf(actor: Consumer): AuditScope {
  if (actor.roles.includes('platform-admin')) return { kind: 'all' };
  if (actor.roles.includes('provider-admin')) return { kind: 'consumer-or-provider', dept: actor.dept };
  return { kind: 'consumer', dept: actor.dept };
}

/** The items of a record a viewer may see: all of them for its own requests and for the operator, else its own items. */
export function visibleItems(scope: AuditScope, record: { dept: string }, items: readonly string[], providerOf: (coordinate: string) => string | undefined): string[] {
  if (scope.kind === 'all' || record.dept === scope.dept) return [...items];
  return items.filter((item) => providerOf(item) === scope.dept);
}
