/**
 * The evaluation of departments (周政发〔2018〕6号 art. 17, 22): the daily roll-up of the audit trail
 * the evaluation report reads instead of a year of records, and the rectification notices (通知整改)
 * the coordination office issues from a detected violation.
 *
 * - `audit_daily_usage`: per China calendar day, provider department, consumer department, app and
 *   purpose, the records that received at least one of the provider's data items (`item` = '*'),
 *   and per item the records that received it.
 * - `audit_daily_calls`: per day and provider, the records that called its subgraph, how many failed
 *   (outcome ERROR), and their summed and longest durations.
 * - `audit_daily_days`: the days rolled up; a day is rolled once (its row is inserted first, in the
 *   same transaction, so a concurrent roll-up of the same day waits and then finds it done).
 * - `audit_records_refused`: a partial index of the records refused (outcome REFUSED) by department
 *   and time, so the report lists a department's refused calls without reading its year of records.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_daily_days')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('rolled_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('audit_daily_usage')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('consumer', 'text', (c) => c.notNull())
    .addColumn('app', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_daily_usage_pk', ['provider', 'day', 'consumer', 'app', 'purpose', 'item'])
    .execute();
  await db.schema
    .createTable('audit_daily_calls')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('calls', 'integer', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('duration_ms_sum', 'bigint', (c) => c.notNull())
    .addColumn('duration_ms_max', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_daily_calls_pk', ['provider', 'day'])
    .execute();
  await db.schema
    .createTable('rectification_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('examples', 'jsonb', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('working_days', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'timestamptz')
    .addColumn('action_taken', 'text')
    .execute();
  await sql`create index audit_records_refused on audit_records (dept, at) where outcome = 'REFUSED'`.execute(db);
  await db.schema.createIndex('rectification_notices_department').on('rectification_notices').columns(['department', 'status']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_records_refused').execute();
  for (const table of ['rectification_notices', 'audit_daily_calls', 'audit_daily_usage', 'audit_daily_days']) await db.schema.dropTable(table).execute();
}
