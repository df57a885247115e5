/**
 * Operation documents for the policy dry run (周政发〔2018〕6号 art. 13, 23): each distinct operation a
 * consumer ran, kept once under the SHA-256 of its literal-free text (every string, number, list and
 * object literal replaced, so no citizen ID or other value is kept), and the reference to it in each
 * audit record (`document_hash`, covered by the record's hash when present). Written with ON CONFLICT
 * DO NOTHING: a document is inserted once, whoever sees it first.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('operation_documents')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('operation_name', 'text')
    .addColumn('first_seen', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.alterTable('audit_records').addColumn('document_hash', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_records').dropColumn('document_hash').execute();
  await db.schema.dropTable('operation_documents').execute();
}
