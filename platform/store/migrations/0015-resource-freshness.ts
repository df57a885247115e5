/**
 * The last freshness reading of every provider's resources (周政发〔2018〕6号 art. 14): the day the
 * provider's data are as of, when the platform read it, and the outcome. A provider that did not
 * answer, or answered something unusable, keeps its rows with no data-as-of date: unknown, never fresh.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resource_freshness_readings')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('data_as_of', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_freshness_readings_pkey', ['provider', 'resource'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('resource_freshness_readings').execute();
}
