/**
 * The district catalog (art. 7–9): every data item of the composed supergraph, with the national
 * catalog guide's elements. Providers declare (their `@share` metadata and schema descriptions,
 * synchronised at start); the operator reviews and may override the descriptive elements. The share
 * type itself is never overridden here: it comes from the provider's published schema, which the
 * publish checks hold to art. 10–11, and the gateway enforces exactly that.
 */
import type { Kysely, Selectable } from 'kysely';
import { checkCatalogReview } from '../../policies/governance/check-catalog-review.ts';
import { chinaDate } from '../../policies/governance/china-date.ts';
import { PLATFORM_OPERATOR, type FieldShare, type ShareCatalog } from '../../policies/types.ts';
import type { CatalogItemsTable, Database } from '../../platform/store/tables.ts';
import { renderInterfaceDocs } from '../../schema/interface-docs.ts';
import { assertVerdict, notFound } from './governance-errors.ts';
import { recordEvent } from './governance-event-chain.ts';
import type { Actor, GovernanceServices } from './governance-services.ts';

export type CatalogRow = Selectable<CatalogItemsTable>;

function declaredElements(share: FieldShare): Record<string, unknown> {
  return {
    shareType: share.shareType,
    shareCondition: share.condition ?? null,
    basis: share.basis ?? null,
    classification: share.resourceClass ?? 'DEPARTMENTAL',
    abstract: share.description ?? null,
    format: 'JSON (GraphQL)',
    shareMethod: 'INTERFACE',
    openToPublic: false,
    updateCycle: share.updateCycle ?? 'UNDECLARED',
    relatedResources: [],
  };
}

/**
 * Brings the catalog table in line with the supergraph; changes of declared metadata are recorded,
 * with the day they changed (art. 8). Items a publication brings in wait for the operator's review.
 */
export async function syncCatalog(db: Kysely<Database>, catalog: ShareCatalog, now: Date, options: { newItemsPendingReview?: boolean } = {}): Promise<void> {
  const existing = new Map((await db.selectFrom('catalog_items').selectAll().execute()).map((row) => [row.coordinate, row]));
  const platform = { app: 'gateway', dept: PLATFORM_OPERATOR, roles: [] };
  for (const share of catalog.values()) {
    const declared = declaredElements(share);
    const row = existing.get(share.coordinate);
    if (!row) {
      await db
        .insertInto('catalog_items')
        .values({
          coordinate: share.coordinate,
          type_name: share.typeName,
          field_name: share.fieldName,
          provider: share.provider,
          declared: JSON.stringify(declared),
          override: null,
          reviewed_by: null,
          reviewed_at: null,
          published_on: chinaDate(now),
          updated_at: now,
          review_status: options.newItemsPendingReview ? 'PENDING_REVIEW' : 'REVIEWED',
        })
        .onConflict((oc) => oc.column('coordinate').doNothing())
        .execute(); // another instance may publish it at the same moment
      await recordEvent(db, { actor: platform, subjectKind: 'catalog_item', subjectId: share.coordinate, action: 'published', details: declared });
    } else if (JSON.stringify(row.declared) !== JSON.stringify(declared) || row.provider !== share.provider) {
      await db
        .updateTable('catalog_items')
        .set({ declared: JSON.stringify(declared), provider: share.provider, updated_at: now, changed_on: chinaDate(now) })
        .where('coordinate', '=', share.coordinate)
        .execute();
      await recordEvent(db, {
        actor: platform,
        subjectKind: 'catalog_item',
        subjectId: share.coordinate,
        action: 'declaration-changed',
        details: { before: row.declared, after: declared },
      });
    }
  }
}

export async function listCatalog(
  services: GovernanceServices,
  filter: { provider?: string | null; shareType?: string | null; resource?: string | null },
): Promise<CatalogRow[]> {
  let query = services.db.selectFrom('catalog_items').selectAll().orderBy('coordinate');
  if (filter.provider) query = query.where('provider', '=', filter.provider);
  if (filter.resource) query = query.where('type_name', '=', filter.resource);
  const rows = await query.execute();
  return filter.shareType ? rows.filter((row) => row.declared['shareType'] === filter.shareType) : rows;
}

export async function reviewCatalogItem(
  services: GovernanceServices,
  actor: Actor,
  coordinate: string,
  override: Record<string, unknown>,
  reason: string,
): Promise<CatalogRow> {
  const cleaned = assertVerdict(checkCatalogReview(actor, override, reason));
  return services.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('catalog_items').selectAll().where('coordinate', '=', coordinate).forUpdate().executeTakeFirst();
    if (!row) throw notFound('catalog item', coordinate);
    const merged = { ...(row.override ?? {}), ...cleaned };
    const updated = await trx
      .updateTable('catalog_items')
      .set({ override: JSON.stringify(merged), reviewed_by: actor.app, reviewed_at: services.now(), updated_at: services.now(), review_status: 'REVIEWED' })
      .where('coordinate', '=', coordinate)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actor,
      subjectKind: 'catalog_item',
      subjectId: coordinate,
      action: 'reviewed',
      reason,
      details: { before: row.override, after: merged },
    });
    return updated;
  });
}

/** Interface documentation of a department as Markdown (art. 20), from its catalog items and the supergraph served now. */
export async function interfaceDocs(services: GovernanceServices, code: string): Promise<string> {
  const department = await services.db.selectFrom('departments').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
  if (!department) throw notFound('department', code);
  const rows = await listCatalog(services, { provider: code });
  const live = services.catalog();
  const element = (row: CatalogRow, key: string) => (row.override && key in row.override ? row.override[key] : row.declared[key]);
  const items = rows
    .filter((row) => live.get(row.coordinate)?.provider === code)
    .map((row) => ({
      coordinate: row.coordinate,
      typeName: row.type_name,
      fieldName: row.field_name,
      description: (element(row, 'abstract') as string | null) ?? null,
      shareType: String(row.declared['shareType']),
      basis: (row.declared['basis'] as string | null) ?? null,
      condition: (element(row, 'shareCondition') as string | null) ?? null,
      updateCycle: String(element(row, 'updateCycle')),
      reviewStatus: row.review_status,
    }));
  return renderInterfaceDocs(department, items, services.supergraphSdl(), chinaDate(services.now()));
}
