/** The department registry (art. 21): departments, their codes and their sharing administrators. */
import type { Kysely } from 'kysely';
import { checkAdministratorChange } from '../../policies/governance/check-administrator-change.ts';
import type { Database } from '../../platform/store/tables.ts';
import { DISTRICT_DEPARTMENTS } from '../../platform/departments.ts';
import { assertVerdict } from './governance-errors.ts';
import { checkDepartmentRegistration, type DepartmentRegistration } from '../../policies/governance/check-department-registration.ts';
import { bumpSupergraphVersion, lockSupergraphVersion } from '../../platform/store/subgraph-rows.ts';
import { lockGovernanceChain, recordEvent } from './governance-event-chain.ts';
import type { Actor, GovernanceServices } from './governance-services.ts';

export interface DepartmentView {
  code: string;
  name: string;
  orgCode: string;
  administrators: string[];
}

/**
 * Registers the district's departments not registered yet, each with its first administrators.
 * A registered department's administrators are the operator's to change: a restart never brings
 * back one the operator removed.
 */
export async function seedDepartments(db: Kysely<Database>): Promise<void> {
  for (const department of DISTRICT_DEPARTMENTS) {
    // One transaction: a department is never registered without its first administrators. Two
    // instances starting on one fresh store: only the one that registers the department lists them.
    await db.transaction().execute(async (trx) => {
      const registered = await trx
        .insertInto('departments')
        .values({ code: department.code, name: department.name, org_code: department.orgCode })
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('code')
        .executeTakeFirst();
      if (!registered) return;
      await trx
        .insertInto('department_admins')
        .values(
          department.administrators.map((admin) => ({
            dept: department.code,
            user_id: admin,
            appointed_by: 'seed',
            appointed_reason: 'first administrator of the district registry',
          })),
        )
        .execute();
    });
  }
}

/** Whether the registry lists `user` as a sharing administrator of `dept` now. */
export async function isListedAdministrator(db: Kysely<Database>, dept: string, user: string): Promise<boolean> {
  const row = await db
    .selectFrom('department_admins')
    .select('id')
    .where('dept', '=', dept)
    .where('user_id', '=', user)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listDepartments(db: Kysely<Database>, code?: string): Promise<DepartmentView[]> {
  let departments = db.selectFrom('departments').selectAll().orderBy('code');
  let admins = db.selectFrom('department_admins').selectAll().where('removed_at', 'is', null).orderBy('id');
  if (code !== undefined) {
    departments = departments.where('code', '=', code);
    admins = admins.where('dept', '=', code);
  }
  const [departmentRows, adminRows] = await Promise.all([departments.execute(), admins.execute()]);
  return departmentRows.map((d) => ({
    code: d.code,
    name: d.name,
    orgCode: d.org_code,
    administrators: adminRows.filter((a) => a.dept === d.code).map((a) => a.user_id),
  }));
}

/** The operator appoints or removes a sharing administrator of a department (art. 21), with its reason recorded. */
export async function changeAdministrators(
  services: GovernanceServices,
  actor: Actor,
  change: { appoint: boolean; department: string; user: string; reason: string },
): Promise<DepartmentView> {
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    // Locks the department's row: concurrent changes of one list are taken one after the other.
    await trx.selectFrom('departments').select('code').where('code', '=', change.department).forUpdate().executeTakeFirst();
    const listed = await trx.selectFrom('department_admins').select('user_id').where('dept', '=', change.department).where('removed_at', 'is', null).execute();
    assertVerdict(
      checkAdministratorChange(
        actor,
        { appoint: change.appoint, dept: change.department, user: change.user, reason: change.reason },
        services.departments,
        listed.map((row) => row.user_id),
      ),
    );
    const reason = change.reason.trim();
    if (change.appoint) {
      await trx
        .insertInto('department_admins')
        .values({ dept: change.department, user_id: change.user, appointed_by: actor.app, appointed_reason: reason })
        .execute();
    } else {
      await trx
        .updateTable('department_admins')
        .set({ removed_at: now, removed_by: actor.app, removed_reason: reason })
        .where('dept', '=', change.department)
        .where('user_id', '=', change.user)
        .where('removed_at', 'is', null)
        .execute();
    }
    await recordEvent(trx, {
      actor,
      subjectKind: 'department',
      subjectId: change.department,
      action: change.appoint ? 'administrator-appointed' : 'administrator-removed',
      reason,
      details: { user: change.user },
    });
  });
  const [department] = await listDepartments(services.db, change.department);
  return department!;
}

/**
 * The operator registers a department (art. 4, 21) with its first sharing administrators. The
 * supergraph version moves with it, so every gateway instance reads the registry again and accepts
 * the department's tokens within the polling bound.
 */
export async function registerDepartment(services: GovernanceServices, actor: Actor, registration: DepartmentRegistration): Promise<DepartmentView> {
  await services.db.transaction().execute(async (trx) => {
    await lockGovernanceChain(trx);
    const supergraphVersion = await lockSupergraphVersion(trx);
    const registered = (await trx.selectFrom('departments').select('code').execute()).map((row) => row.code);
    assertVerdict(checkDepartmentRegistration(actor, registration, registered));
    const reason = registration.reason.trim();
    await trx.insertInto('departments').values({ code: registration.code, name: registration.name.trim(), org_code: registration.orgCode }).execute();
    await trx
      .insertInto('department_admins')
      .values(registration.administrators.map((user) => ({ dept: registration.code, user_id: user, appointed_by: actor.app, appointed_reason: reason })))
      .execute();
    await bumpSupergraphVersion(trx, supergraphVersion);
    await recordEvent(trx, {
      actor,
      subjectKind: 'department',
      subjectId: registration.code,
      action: 'registered',
      reason,
      details: { name: registration.name.trim(), orgCode: registration.orgCode, administrators: registration.administrators },
    });
  });
  await services.supergraphChanged();
  const [department] = await listDepartments(services.db, registration.code);
  return department!;
}
