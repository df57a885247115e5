/**
 * The demo district's first grants, as if civil-affairs and approval had applied and human-resources
 * approved (civil-affairs reads the monthly pension; approval may only verify it, 核验):
 * written into an empty store of record on its first start (`seedStore`), and used as is by tests
 * that run the gateway on grants held in memory. Every later grant comes from governance.
 */
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
];
