/**
 * The results of the audit trail's verification (周政发〔2018〕6号 art. 15, 19), written by
 * `npm run audit:verify -- --record` (a scheduled job, never a gateway: a full verification reads
 * every record). The gateways only read the newest row for the operator's `auditIntegrity`.
 * `summary` is the report: chains, records, checkpoints, anchored, quarantined, archived months, and
 * the problems found (at most 50, with their total count); `host` names the host and process that ran it.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_verifications')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ok', 'boolean', (c) => c.notNull())
    .addColumn('summary', 'jsonb', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .execute();
  await sql`create index audit_verifications_finished on audit_verifications (finished_at desc, id desc)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_verifications').execute();
}
