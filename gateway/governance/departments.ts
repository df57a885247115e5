/** The department registry (art. 21): departments, their codes and their sharing administrators. */
import type { Kysely } from 'kysely';
import { checkAdministratorChange } from '../../policies/governance/check-administrator-change.ts';
import type { Database } from '../store/tables.ts';
import { assertVerdict, recordEvent, type Actor, type GovernanceDeps } from './governance-deps.ts';

export interface DepartmentSeed {
  code: string;
  name: string;
  /** Unified social credit code of the department as a public body (GB 32100, category 11). */
  orgCode: string;
  /** Application ids (token `sub`) of its first sharing administrators; later the operator keeps the list. */
  administrators: string[];
}

export const DISTRICT_DEPARTMENTS: readonly DepartmentSeed[] = [
  { code: 'public-security', name: '区公安分局', orgCode: '11370306004330001Y', administrators: ['public-security-admin'] },
  { code: 'market-regulation', name: '区市场监督管理局', orgCode: '11370306MB2851002K', administrators: ['market-regulation-admin'] },
  { code: 'human-resources', name: '区人力资源和社会保障局', orgCode: '11370306004330003Q', administrators: ['human-resources-admin'] },
  { code: 'approval', name: '区行政审批服务局', orgCode: '11370306MB2851004C', administrators: ['approval-admin'] },
  { code: 'natural-resources', name: '区自然资源局', orgCode: '11370306MB2851005A', administrators: ['natural-resources-admin'] },
  { code: 'civil-affairs', name: '区民政局', orgCode: '11370306004330006G', administrators: ['civil-affairs-admin'] },
  { code: 'info-center', name: '区信息中心', orgCode: '12370306004330007B', administrators: ['info-center-admin'] },
];

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
        .values(department.administrators.map((admin) => ({ dept: department.code, user_id: admin, appointed_by: 'seed', appointed_reason: 'first administrator of the district registry' })))
        .execute();
    });
  }
}

/** Whether the registry lists `user` as a sharing administrator of `dept` now. */
export async function isListedAdministrator(db: Kysely<Database>, dept: string, user: string): Promise<boolean> {
  const row = await db.selectFrom('department_admins').select('id').where('dept', '=', dept).where('user_id', '=', user).where('removed_at', 'is', null).executeTakeFirst();
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
  return departmentRows.map((d) => ({ code: d.code, name: d.name, orgCode: d.org_code, administrators: adminRows.filter((a) => a.dept === d.code).map((a) => a.user_id) }));
}

/** The operator appoints or removes a sharing administrator of a department (art. 21), with its reason recorded. */
export async function changeAdministrators(
  deps: GovernanceDeps,
  actor: Actor,
  change: { appoint: boolean; department: string; user: string; reason: string },
): Promise<DepartmentView> {
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    // Locks the department's row: concurrent changes of one list are taken one after the other.
    await trx.selectFrom('departments').select('code').where('code', '=', change.department).forUpdate().executeTakeFirst();
    const listed = await trx.selectFrom('department_admins').select('user_id').where('dept', '=', change.department).where('removed_at', 'is', null).execute();
    assertVerdict(checkAdministratorChange(actor, { appoint: change.appoint, dept: change.department, user: change.user, reason: change.reason }, deps.departments, listed.map((row) => row.user_id)));
    const reason = change.reason.trim();
    if (change.appoint) {
      await trx.insertInto('department_admins').values({ dept: change.department, user_id: change.user, appointed_by: actor.app, appointed_reason: reason }).execute();
    } else {
      await trx
        .updateTable('department_admins')
        .set({ removed_at: now, removed_by: actor.app, removed_reason: reason })
        .where('dept', '=', change.department)
        .where('user_id', '=', change.user)
        .where('removed_at', 'is', null)
        .execute();
    }
    await recordEvent(trx, { actor, subjectKind: 'department', subjectId: change.department, action: change.appoint ? 'administrator-appointed' : 'administrator-removed', reason, details: { user: change.user } });
  });
  const [department] = await listDepartments(deps.db, change.department);
  return department!;
}
