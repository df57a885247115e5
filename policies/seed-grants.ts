/**
 * The demo district's first grant, as if civil-affairs had applied and human-resources approved:
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
];
