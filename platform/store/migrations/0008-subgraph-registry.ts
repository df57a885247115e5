/**
 * The subgraph registry: which subgraph each department publishes, where it runs and which version
 * is live, and every attempt to publish one (who, when, the SDL, the check results, the diff, and
 * whether it was published or refused). Nothing is deleted: a rollback is one more attempt. The
 * catalog keeps each item's review status (new items wait for the operator) and the day its
 * declaration last changed (art. 8). `supergraph_version` moves with every publication, so each
 * gateway instance knows when to compose again.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('subgraphs')
    .addColumn('name', 'text', (c) => c.primaryKey().references('departments.code'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('subgraph_versions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().references('departments.code'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('sdl', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_dept', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addColumn('published', 'boolean', (c) => c.notNull())
    .addColumn('dry_run', 'boolean', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('rollback_of', 'integer')
    .addColumn('checks', 'jsonb', (c) => c.notNull())
    .addColumn('diff', 'jsonb', (c) => c.notNull())
    .addUniqueConstraint('subgraph_versions_name_version', ['name', 'version'])
    .execute();
  await db.schema
    .alterTable('catalog_items')
    .addColumn('review_status', 'text', (c) => c.notNull().defaultTo('REVIEWED'))
    .execute();
  await db.schema.alterTable('catalog_items').addColumn('changed_on', 'text').execute();
  await db.insertInto('platform_state').values({ key: 'supergraph_version', value: 0 }).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('platform_state').where('key', '=', 'supergraph_version').execute();
  await db.schema.alterTable('catalog_items').dropColumn('changed_on').execute();
  await db.schema.alterTable('catalog_items').dropColumn('review_status').execute();
  await db.schema.dropTable('subgraph_versions').execute();
  await db.schema.dropTable('subgraphs').execute();
}
