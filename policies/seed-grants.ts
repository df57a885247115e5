/**
 * Grants of the demo district. Governance moves these into the store of record; until then they
 * are plain data, read by the gateway at start.
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
