/**
 * Audit scope
 *
 * Who sees which audit records: the operator sees all (art. 17 evaluation); a provider's sharing
 * administrator sees who received its department's items (art. 15), and in other departments'
 * records only what concerns its department — its own granted, denied and masked items and its own
 * entry among the providers served; a filter naming another provider or another provider's item
 * reaches only the administrator's own department's records. Every department sees what it received
 * itself.
 * Serves art. 15, 17.
 */
import type { Consumer } from '../types.ts';

export type AuditScope = { kind: 'all' } | { kind: 'consumer-or-provider'; dept: string } | { kind: 'consumer'; dept: string };

export function auditScopeOf(actor: Consumer): AuditScope {
  if (actor.roles.includes('platform-admin')) return { kind: 'all' };
  if (actor.roles.includes('provider-admin')) return { kind: 'consumer-or-provider', dept: actor.dept };
  return { kind: 'consumer', dept: actor.dept };
}

function seesWholeRecord(scope: AuditScope, record: { dept: string }): boolean {
  return scope.kind === 'all' || record.dept === scope.dept;
}

/** The items of a record a viewer may see: all of them for its own requests and for the operator, else its own items. */
export function visibleItems(
  scope: AuditScope,
  record: { dept: string },
  items: readonly string[],
  providerOf: (coordinate: string) => string | undefined,
): string[] {
  if (seesWholeRecord(scope, record)) return [...items];
  return items.filter((item) => scope.kind !== 'all' && providerOf(item) === scope.dept);
}

/** The providers' entries of a record a viewer may see: all for its own requests and for the operator, else its own. */
export function visibleProviders<T>(scope: AuditScope, record: { dept: string }, served: Readonly<Record<string, T>>): Record<string, T> {
  if (seesWholeRecord(scope, record)) return { ...served };
  return Object.fromEntries(Object.entries(served).filter(([provider]) => scope.kind !== 'all' && provider === scope.dept));
}

/**
 * The department whose records alone a filter can reach, if it confines the view: a provider's
 * administrator naming another provider, or a data item of another provider (or one not in the
 * catalog), would otherwise learn from other departments' records what they never show it.
 */
export function filterConfinement(
  scope: AuditScope,
  filter: { provider?: string | null; field?: string | null },
  providerOf: (coordinate: string) => string | undefined,
): string | undefined {
  if (scope.kind !== 'consumer-or-provider') return undefined;
  const namesOther = (filter.provider && filter.provider !== scope.dept) || (filter.field && providerOf(filter.field) !== scope.dept);
  return namesOther ? scope.dept : undefined;
}
