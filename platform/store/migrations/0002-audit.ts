/**
 * Audit (art. 5(4), 15, 17, 19, 22): one record per data request, hash-chained per gateway instance
 * (each record carries the previous record's hash), with signed checkpoints. No field values.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_records')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('app', 'text', (c) => c.notNull())
    .addColumn('dept', 'text', (c) => c.notNull())
    .addColumn('roles', 'jsonb', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('matter', 'text')
    .addColumn('operation_hash', 'text', (c) => c.notNull())
    .addColumn('operation_name', 'text')
    .addColumn('granted', 'jsonb', (c) => c.notNull())
    .addColumn('denied', 'jsonb', (c) => c.notNull())
    .addColumn('masked', 'jsonb', (c) => c.notNull())
    .addColumn('providers', sql`text[]`, (c) => c.notNull())
    .addColumn('served', 'jsonb', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addUniqueConstraint('audit_records_chain_seq', ['chain', 'seq'])
    .execute();
  // Views page newest first by (at, id) (keyset), scoped by consumer department or by provider, over a period.
  await db.schema.createIndex('audit_records_dept_at_id').on('audit_records').columns(['dept', 'at', 'id']).execute();
  await db.schema.createIndex('audit_records_at_id').on('audit_records').columns(['at', 'id']).execute();
  await db.schema.createIndex('audit_records_request').on('audit_records').column('request_id').execute();
  await sql`CREATE INDEX audit_records_providers ON audit_records USING gin (providers)`.execute(db);
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addUniqueConstraint('audit_checkpoints_chain_seq', ['chain', 'seq'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_checkpoints').execute();
  await db.schema.dropTable('audit_records').execute();
}
