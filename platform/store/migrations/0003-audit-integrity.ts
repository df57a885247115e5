/**
 * Audit integrity (art. 5(4), 15, 19): a record says why a request was refused (`code`, present only
 * on refusals, so records written before it hash as they always did), and a record the store refuses
 * for its content is kept aside in `audit_quarantine` instead of blocking every record after it. The
 * quarantined record is its chained JSON with every non-ASCII character escaped, so any content fits;
 * verification accepts it in its place in the chain only when that JSON hashes to the chain's hash.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_records').addColumn('code', 'text').execute();
  await db.schema
    .createTable('audit_quarantine')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('quarantined_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('audit_quarantine_chain_seq', ['chain', 'seq'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_quarantine').execute();
  await db.schema.alterTable('audit_records').dropColumn('code').execute();
}
