/**
 * Grants may narrow what they open (周政发〔2018〕6号 art. 13, 23): `mask`, the mask kind the approval
 * requires for delivery, and `row_condition`, the row condition (JSON of a CASL condition) a subject
 * must meet. Both are optional: existing grants keep opening their items in full for every subject.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('grants').addColumn('mask', 'text').addColumn('row_condition', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('grants').dropColumn('mask').dropColumn('row_condition').execute();
}
