/**
 * The daily roll-up of the audit trail (周政发〔2018〕6号 art. 17) notices records that arrive after
 * their day was rolled: `audit_daily_days.records` is how many audit records the day held when it was
 * rolled (counted before its counts were taken). A record stored later with its original time — a
 * gateway's spool replayed after the store came back — makes the day's count differ, and the roll-up
 * rolls that day again (`subgraphs/info-center/audit-rollup.ts`). Null for a day rolled before this
 * migration: its count is not known, so it is rolled again once.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_daily_days').addColumn('records', 'integer').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_daily_days').dropColumn('records').execute();
}
