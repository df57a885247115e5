/**
 * The demo district's first grants, as if the consumers had applied and the providers approved:
 * civil-affairs reads pensions for administrative decisions; approval may only verify them (核验);
 * civil-affairs reads household addresses as work reference (public-security declares them masked to
 * the subdistrict for that purpose); market-regulation reads household addresses for administrative
 * decisions, only of residents registered in 大街街道 (a row-scoped grant). Each is
 * written into an empty store of record on its first start (`seedStore`), and used as is by tests
 * that run the gateway on grants held in memory. Every later grant comes from governance.
 */
import { OPEN_CASE_CONDITION } from './open-case.ts';
import type { Grant } from './types.ts';

export const SEED_GRANTS: readonly Grant[] = [
  {
    id: 'grant-demo-civil-affairs-pension',
    kind: 'REQUEST',
    dept: 'civil-affairs',
    field: 'Resident.monthlyPension',
    purpose: 'ADMINISTRATIVE_BASIS',
    validFrom: '2026-01-01T00:00:00+08:00',
    validUntil: '2031-01-01T00:00:00+08:00',
  },
  {
    id: 'grant-demo-approval-verify-pension',
    kind: 'REQUEST',
    action: 'VERIFY',
    dept: 'approval',
    field: 'Resident.monthlyPension',
    purpose: 'DATA_VERIFICATION',
    validFrom: '2026-01-01T00:00:00+08:00',
    validUntil: '2031-01-01T00:00:00+08:00',
  },
  {
    id: 'grant-demo-civil-affairs-address-reference',
    kind: 'REQUEST',
    dept: 'civil-affairs',
    field: 'Resident.householdAddress',
    purpose: 'WORK_REFERENCE',
    validFrom: '2026-01-01T00:00:00+08:00',
    validUntil: '2031-01-01T00:00:00+08:00',
  },
  {
    id: 'grant-demo-market-regulation-address-dajie',
    kind: 'REQUEST',
    dept: 'market-regulation',
    field: 'Resident.householdAddress',
    purpose: 'ADMINISTRATIVE_BASIS',
    validFrom: '2026-01-01T00:00:00+08:00',
    validUntil: '2031-01-01T00:00:00+08:00',
    condition: { householdSubdistrict: { $in: ['大街街道'] } },
  },
  {
    id: 'grant-demo-civil-affairs-address-open-cases',
    kind: 'REQUEST',
    dept: 'civil-affairs',
    field: 'Resident.householdAddress',
    purpose: 'ADMINISTRATIVE_BASIS',
    validFrom: '2026-01-01T00:00:00+08:00',
    validUntil: '2031-01-01T00:00:00+08:00',
    condition: OPEN_CASE_CONDITION,
  },
];
