/** The department registry (art. 21): departments, their codes and their sharing administrators. */
import type { Kysely } from 'kysely';
import type { Database } from '../store/tables.ts';

export interface DepartmentSeed {
  code: string;
  name: string;
  /** Unified social credit code of the department as a public body (GB 32100, category 11). */
  orgCode: string;
  /** Application ids of its sharing administrators (their tokens carry `provider-admin`). */
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

/** Inserts the district's departments and administrators that are not registered yet. */
export async function seedDepartments(db: Kysely<Database>): Promise<void> {
  for (const department of DISTRICT_DEPARTMENTS) {
    await db.insertInto('departments').values({ code: department.code, name: department.name, org_code: department.orgCode }).onConflict((oc) => oc.column('code').doNothing()).execute();
    for (const admin of department.administrators) {
      await db
        .insertInto('department_admins')
        .values({ dept: department.code, user_id: admin, appointed_by: 'seed' })
        .onConflict((oc) => oc.columns(['dept', 'user_id']).doNothing())
        .execute();
    }
  }
}

export async function listDepartments(db: Kysely<Database>): Promise<Array<{ code: string; name: string; orgCode: string; administrators: string[] }>> {
  const [departments, admins] = await Promise.all([
    db.selectFrom('departments').selectAll().orderBy('code').execute(),
    db.selectFrom('department_admins').selectAll().orderBy('id').execute(),
  ]);
  return departments.map((d) => ({ code: d.code, name: d.name, orgCode: d.org_code, administrators: admins.filter((a) => a.dept === d.code).map((a) => a.user_id) }));
}
