/**
 * VERIFY grants applied for like READ grants, and the subject log checked against its records
 * (周政发〔2018〕6号 art. 13, 15):
 * - an access request says what it asks to do with the items (`action`: READ, the default for every
 *   request made before, or VERIFY), and the grants its approval makes carry it;
 * - `audit_subjects` is indexed by (chain, seq), so `npm run audit:verify` reads each record's subject
 *   rows beside the record in linear time.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('access_requests')
    .addColumn('action', 'text', (c) => c.notNull().defaultTo('READ'))
    .execute();
  await db.schema.createIndex('audit_subjects_chain_seq').on('audit_subjects').columns(['chain', 'seq']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_subjects_chain_seq').execute();
  await db.schema.alterTable('access_requests').dropColumn('action').execute();
}
