/**
 * The subgraph registry as the store of record keeps it: the published subgraphs every gateway
 * composes, the supergraph version that tells a gateway to compose again, and the first-start
 * registration of the subgraphs the platform runs itself.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './tables.ts';

export interface PublishedSubgraph {
  name: string;
  url: string;
  /** The department's own type definitions (without the federation header). */
  typeDefs: string;
  version: number;
}

export async function readSupergraphVersion(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('platform_state').select('value').where('key', '=', 'supergraph_version').executeTakeFirstOrThrow();
  return String(row.value);
}

/** Locks the supergraph version for the rest of the transaction (one publication at a time) and returns it. */
export async function lockSupergraphVersion(trx: Transaction<Database>): Promise<number> {
  const row = await trx.selectFrom('platform_state').select('value').where('key', '=', 'supergraph_version').forUpdate().executeTakeFirstOrThrow();
  return Number(row.value);
}

export async function bumpSupergraphVersion(trx: Transaction<Database>, current: number): Promise<void> {
  await trx
    .updateTable('platform_state')
    .set({ value: current + 1 })
    .where('key', '=', 'supergraph_version')
    .execute();
}

/** The live version of every registered subgraph, in name order. */
export async function loadPublishedSubgraphs(db: Kysely<Database>): Promise<PublishedSubgraph[]> {
  const rows = await db
    .selectFrom('subgraphs')
    .innerJoin('subgraph_versions', (join) =>
      join.onRef('subgraph_versions.name', '=', 'subgraphs.name').onRef('subgraph_versions.version', '=', 'subgraphs.current_version'),
    )
    .select(['subgraphs.name', 'subgraphs.url', 'subgraph_versions.sdl', 'subgraphs.current_version'])
    .orderBy('subgraphs.name')
    .execute();
  return rows.map((row) => ({ name: row.name, url: row.url, typeDefs: row.sdl, version: row.current_version }));
}

/** The next attempt number of a subgraph's history. */
export async function nextSubgraphVersion(trx: Transaction<Database> | Kysely<Database>, name: string): Promise<number> {
  const row = await trx
    .selectFrom('subgraph_versions')
    .select((eb) => eb.fn.max('version').as('last'))
    .where('name', '=', name)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

/**
 * Registers the subgraphs the platform runs itself. A subgraph not registered yet is published as
 * the seed's version; one whose live version is still the seed's follows the code and the address
 * it runs at now (a new release, or ports picked afresh), as a new version. A subgraph a department
 * has published to is the department's: a restart never overwrites it.
 */
export async function seedSubgraphs(db: Kysely<Database>, subgraphs: ReadonlyArray<Omit<PublishedSubgraph, 'version'>>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const supergraphVersion = await lockSupergraphVersion(trx);
    let changed = false;
    for (const subgraph of subgraphs) {
      const live = await trx
        .selectFrom('subgraphs')
        .innerJoin('subgraph_versions', (join) =>
          join.onRef('subgraph_versions.name', '=', 'subgraphs.name').onRef('subgraph_versions.version', '=', 'subgraphs.current_version'),
        )
        .select(['subgraphs.url', 'subgraph_versions.sdl', 'subgraph_versions.published_by'])
        .where('subgraphs.name', '=', subgraph.name)
        .executeTakeFirst();
      if (live && (live.published_by !== 'seed' || (live.sdl === subgraph.typeDefs && live.url === subgraph.url))) continue;
      const version = await nextSubgraphVersion(trx, subgraph.name);
      await trx
        .insertInto('subgraph_versions')
        .values({
          name: subgraph.name,
          version,
          sdl: subgraph.typeDefs,
          url: subgraph.url,
          published_by: 'seed',
          published_dept: subgraph.name,
          published_at: new Date(),
          published: true,
          dry_run: false,
          reason: live ? 'the platform runs this subgraph: its code or address changed' : 'first registration of the district subgraph',
          rollback_of: null,
          checks: JSON.stringify([]),
          diff: JSON.stringify([]),
        })
        .execute();
      await trx
        .insertInto('subgraphs')
        .values({ name: subgraph.name, url: subgraph.url, current_version: version })
        .onConflict((oc) => oc.column('name').doUpdateSet({ url: subgraph.url, current_version: version, updated_at: new Date() }))
        .execute();
      changed = true;
    }
    if (changed) await bumpSupergraphVersion(trx, supergraphVersion);
  });
}
