/** First-start content of the store: the district's departments and the demo grant. */
import type { Kysely } from 'kysely';
import { SEED_GRANTS } from '../../policies/seed-grants.ts';
import type { Database } from '../../platform/store/tables.ts';
import { seedDepartments } from './departments.ts';
import { toGrantRow } from '../../platform/store/grant-rows.ts';

export async function seedStore(db: Kysely<Database>): Promise<void> {
  await seedDepartments(db);
  const { count } = await db
    .selectFrom('grants')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  if (Number(count) > 0) return;
  await db
    .insertInto('grants')
    .values(SEED_GRANTS.map((grant) => toGrantRow(grant, { requestId: null, grantedBy: 'seed', grantedAt: grant.validFrom })))
    // Two instances starting on one fresh store both seed: the second one's rows already exist.
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}
