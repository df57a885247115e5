/**
 * The history of each resource's freshness (周政发〔2018〕6号 art. 14, counted in the evaluation of
 * art. 17): per provider, resource and declared update cycle, intervals of one status (FRESH, STALE,
 * UNKNOWN) from `from_at` until `to_at` (null: the current one). A row is written only when the
 * status changes (or the platform stopped watching for a while: that gap is an UNKNOWN interval), so
 * the table grows with changes, not with readings; `checked_at` is when the open interval was last
 * confirmed. At most one open interval per resource (a partial unique index), so two gateways
 * recording the same change write it once.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resource_freshness_intervals')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('update_cycle', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('from_at', 'timestamptz', (c) => c.notNull())
    .addColumn('to_at', 'timestamptz')
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_freshness_intervals_pkey', ['provider', 'resource', 'update_cycle', 'from_at'])
    .execute();
  await sql`create unique index resource_freshness_intervals_open on resource_freshness_intervals (provider, resource, update_cycle) where to_at is null`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('resource_freshness_intervals').execute();
}
