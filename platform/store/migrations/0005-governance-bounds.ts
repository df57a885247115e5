/**
 * The registry of sharing administrators (art. 21) keeps its history: the operator appoints and
 * removes administrators with a recorded reason, and a removal marks the row instead of deleting it.
 * An application is listed at most once at a time, and may be listed again after its removal.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('department_admins')
    .addColumn('appointed_reason', 'text')
    .addColumn('removed_at', 'timestamptz')
    .addColumn('removed_by', 'text')
    .addColumn('removed_reason', 'text')
    .execute();
  await db.schema.alterTable('department_admins').dropConstraint('department_admins_dept_user').execute();
  await db.schema
    .createIndex('department_admins_listed')
    .on('department_admins')
    .columns(['dept', 'user_id'])
    .unique()
    .where(sql.ref('removed_at'), 'is', null)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('department_admins_listed').execute();
  await db.deleteFrom('department_admins').where('removed_at', 'is not', null).execute();
  await db.schema.alterTable('department_admins').addUniqueConstraint('department_admins_dept_user', ['dept', 'user_id']).execute();
  await db.schema
    .alterTable('department_admins')
    .dropColumn('appointed_reason')
    .dropColumn('removed_at')
    .dropColumn('removed_by')
    .dropColumn('removed_reason')
    .execute();
}
