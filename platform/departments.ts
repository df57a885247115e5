/**
 * The district's departments (README, Demo data): their codes, names, organisation codes and first sharing
 * administrators. The info-center registers them in the store on first start (later the operator keeps
 * the registry, 周政发〔2018〕6号 art. 21); the launcher tells the gateway which codes a token may name;
 * every subgraph is named by one of them.
 */
import { PLATFORM_OPERATOR } from '../policies/types.ts';

export interface DepartmentSeed {
  code: string;
  name: string;
  /** Unified social credit code of the department as a public body (GB 32100, category 11). */
  orgCode: string;
  /** Application ids (token `sub`) of its first sharing administrators; later the operator keeps the list. */
  administrators: string[];
}

export const DISTRICT_DEPARTMENTS = [
  { code: 'public-security', name: '区公安分局', orgCode: '11370306004330001Y', administrators: ['public-security-admin'] },
  { code: 'market-regulation', name: '区市场监督管理局', orgCode: '11370306MB2851002K', administrators: ['market-regulation-admin'] },
  { code: 'human-resources', name: '区人力资源和社会保障局', orgCode: '11370306004330003Q', administrators: ['human-resources-admin'] },
  { code: 'approval', name: '区行政审批服务局', orgCode: '11370306MB2851004C', administrators: ['approval-admin'] },
  { code: 'natural-resources', name: '区自然资源局', orgCode: '11370306MB2851005A', administrators: ['natural-resources-admin'] },
  { code: 'civil-affairs', name: '区民政局', orgCode: '11370306004330006G', administrators: ['civil-affairs-admin'] },
  { code: PLATFORM_OPERATOR, name: '区信息中心', orgCode: '12370306004330007B', administrators: ['info-center-admin'] },
] as const satisfies readonly DepartmentSeed[];

/** A department of the district; `info-center` is the platform operator, serving governance. */
export type DepartmentCode = (typeof DISTRICT_DEPARTMENTS)[number]['code'];

export const DEPARTMENT_CODES: readonly DepartmentCode[] = DISTRICT_DEPARTMENTS.map((department) => department.code);
