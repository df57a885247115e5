/**
 * The working calendar the coordination office enters (周政发〔2018〕6号 art. 13, 16: deadlines in
 * working days): one row per year with its days off and its weekend working days (调休), as the State
 * Council's notice publishes them, and who entered it, when and why. Entering a year again replaces
 * the row; every entry is also a governance event, so earlier versions stay on record.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('working_calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('holidays', 'jsonb', (c) => c.notNull())
    .addColumn('workdays', 'jsonb', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('working_calendar_years').execute();
}
