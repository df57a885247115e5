/**
 * Verification instead of values, and who read whose data (art. 13, 22, 23):
 * - a grant says what it allows (`action`: READ, the default for every grant made before, or VERIFY);
 * - an audit record keeps the outcome counts of a verification call per item (`verified`), never a value;
 * - an audit record keeps the subjects each provider served as keyed HMACs (`subjects`), and
 *   `audit_subjects` indexes them, so one subject's accesses are found without listing identities.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('grants')
    .addColumn('action', 'text', (c) => c.notNull().defaultTo('READ'))
    .execute();
  await db.schema.alterTable('audit_records').addColumn('verified', 'jsonb').addColumn('subjects', 'jsonb').execute();
  await db.schema
    .createTable('audit_subjects')
    .addColumn('subject_hmac', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_subjects_pkey', ['subject_hmac', 'at', 'chain', 'seq', 'provider'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_subjects').execute();
  await db.schema.alterTable('audit_records').dropColumn('verified').dropColumn('subjects').execute();
  await db.schema.alterTable('grants').dropColumn('action').execute();
}
