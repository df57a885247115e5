/**
 * The audit trail, read back (art. 15, 17): records newest first with keyset paging and filters,
 * and usage counts by consumer, provider, resource, data item and purpose over a period.
 */
import { sql, type Selectable } from 'kysely';
import { shareError } from '../../platform/errors.ts';
import { auditScopeOf, filterConfinement, visibleItems, visibleProviders, type AuditScope } from '../../policies/governance/audit-scope.ts';
import type { AuditRecordsTable } from '../../platform/store/tables.ts';
import type { Actor, GovernanceServices } from './governance-services.ts';

export interface AuditFilter {
  from?: string | null;
  to?: string | null;
  department?: string | null;
  provider?: string | null;
  field?: string | null;
  purpose?: string | null;
  outcome?: string | null;
}

/** A record as its viewer may see it (audit scope): the items and providers that concern the viewer. */
export type AuditRow = Selectable<AuditRecordsTable> & {
  visibleGranted: string[];
  visibleDenied: string[];
  visibleMasked: string[];
  visibleServed: Record<string, { calls: number; entities: number }>;
};

const MAX_PAGE = 200;

function scoped(services: GovernanceServices, scope: AuditScope, filter: AuditFilter, providerOf: (coordinate: string) => string | undefined) {
  let query = services.db.selectFrom('audit_records').selectAll();
  const confinedTo = filterConfinement(scope, filter, providerOf);
  if (confinedTo) query = query.where('dept', '=', confinedTo);
  if (scope.kind === 'consumer') query = query.where('dept', '=', scope.dept);
  if (scope.kind === 'consumer-or-provider')
    query = query.where((eb) => eb.or([eb('dept', '=', scope.dept), eb('providers', '@>', sql<string[]>`ARRAY[${scope.dept}]::text[]`)]));
  if (filter.from) query = query.where('at', '>=', parseInstant(filter.from, 'filter.from'));
  if (filter.to) query = query.where('at', '<', parseInstant(filter.to, 'filter.to'));
  if (filter.department) query = query.where('dept', '=', filter.department);
  if (filter.provider) query = query.where('providers', '@>', sql<string[]>`ARRAY[${filter.provider}]::text[]`);
  if (filter.field) query = query.where('granted', '@>', sql<string[]>`${JSON.stringify([filter.field])}::jsonb`);
  if (filter.purpose) query = query.where('purpose', '=', filter.purpose);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  return query;
}

export async function listAuditRecords(
  services: GovernanceServices,
  actor: Actor,
  filter: AuditFilter,
  first: number,
  after?: string | null,
): Promise<{ records: AuditRow[]; nextCursor: string | null }> {
  const scope = auditScopeOf(actor);
  const limit = Math.min(Math.max(first, 1), MAX_PAGE);
  const providerOf = (coordinate: string) => services.catalog().get(coordinate)?.provider;
  let query = scoped(services, scope, filter, providerOf)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1);
  const cursor = after ? parseCursor(after) : undefined;
  if (cursor) query = query.where(sql<boolean>`(at, id) < (${cursor.at}, ${cursor.id})`);
  const rows = await query.execute();
  const records = rows.slice(0, limit).map((row) => ({
    ...row,
    visibleGranted: visibleItems(scope, row, row.granted, providerOf),
    visibleDenied: visibleItems(scope, row, row.denied, providerOf),
    visibleMasked: visibleItems(scope, row, row.masked, providerOf),
    visibleServed: visibleProviders(scope, row, row.served),
  }));
  const last = records[records.length - 1];
  return { records, nextCursor: rows.length > limit && last ? `${new Date(last.at).toISOString()}|${last.id}` : null };
}

/** An ISO 8601 instant given as a filter bound; anything else is an input error, not a store failure. */
export function parseInstant(value: string, name: string): Date {
  const at = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? new Date(value) : undefined;
  if (!at || Number.isNaN(at.getTime())) {
    throw shareError('BAD_USER_INPUT', {
      message: `${name} ${JSON.stringify(value.slice(0, 64))} is not an ISO 8601 instant (e.g. 2026-01-31 or 2026-01-31T08:00:00Z)`,
    });
  }
  return at;
}

/** Cursors are `<ISO instant>|<id>` of the last record of a page; anything else is an input error. */
function parseCursor(after: string): { at: Date; id: string } {
  const [at, id] = after.split('|');
  if (!at || !id || !/^\d+$/.test(id) || Number.isNaN(Date.parse(at))) {
    throw shareError('BAD_USER_INPUT', { message: `"${after}" is not a cursor from a previous page (nextCursor)` });
  }
  return { at: new Date(at), id };
}

const USAGE_DIMENSIONS = { CONSUMER: 'r.dept', PROVIDER: 'c.provider', RESOURCE: 'c.type_name', FIELD: 'g.field', PURPOSE: 'r.purpose' } as const;
export type UsageDimension = keyof typeof USAGE_DIMENSIONS;

/**
 * The visible-items rule (`visibleItems`: the whole record for its own department and the operator,
 * else only the viewer's own items) as a condition on a record `r` and an item's catalog row `c`.
 */
function itemVisible(scope: AuditScope) {
  return scope.kind === 'consumer-or-provider' ? sql<boolean>`(r.dept = ${scope.dept} or c.provider = ${scope.dept})` : sql<boolean>`true`;
}

/**
 * How often items were received, grouped as asked, over [from, to): counted over the records the
 * listing shows (`scoped`, the same audit scope) and, in each, the items it shows its viewer.
 */
export async function dataUsage(
  services: GovernanceServices,
  actor: Actor,
  input: { from: string; to: string; groupBy: UsageDimension[] },
): Promise<Array<Record<string, unknown>>> {
  parseInstant(input.from, 'from');
  parseInstant(input.to, 'to');
  const scope = auditScopeOf(actor);
  const providerOf = (coordinate: string) => services.catalog().get(coordinate)?.provider;
  const records = scoped(services, scope, { from: input.from, to: input.to }, providerOf).clearSelect().select(['id', 'dept', 'purpose', 'granted']);
  const dimensions = [...new Set(input.groupBy)];
  const columns = dimensions.map((d) => sql`${sql.raw(USAGE_DIMENSIONS[d])} as ${sql.ref(d.toLowerCase())}`);
  const { rows } = await sql<Record<string, unknown>>`
    select ${sql.join([...columns, sql`count(distinct r.id)::int as requests`])}
    from ${records} as r
    cross join lateral jsonb_array_elements_text(r.granted) as g(field)
    join catalog_items c on c.coordinate = g.field
    where c.type_name not in ('Query', 'Mutation') and ${itemVisible(scope)}
    ${dimensions.length ? sql`group by ${sql.join(dimensions.map((d) => sql.raw(USAGE_DIMENSIONS[d])))}` : sql``}
    order by requests desc
    limit 1000`.execute(services.db);
  return rows;
}
