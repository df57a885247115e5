import { describe, expect, it } from 'vitest';
import { isStorable } from './audit-quarantine.ts';
import { chainRecord, GENESIS_HASH, type AuditEntry } from './audit-record.ts';

const ENTRY: AuditEntry = {
  at: '2026-03-02T01:02:03.456Z',
  requestId: 'req-1',
  app: 'minzheng-portal',
  dept: 'civil-affairs',
  roles: ['consumer'],
  purpose: 'WORK_REFERENCE',
  matter: '低保复核 2026-041 “李雷” 🏠',
  operationHash: 'f'.repeat(64),
  operationName: 'ResidentCheck',
  granted: ['Resident.name'],
  denied: [],
  masked: [],
  providers: ['public-security'],
  served: { 'public-security': { calls: 1, entities: 2 } },
  outcome: 'SERVED',
  durationMs: 42,
  subjects: { 'public-security': ['a'.repeat(64), 'b'.repeat(64)] },
};

const record = (change: Partial<AuditEntry>) => chainRecord({ ...ENTRY, ...change }, 'gateway-a', 1, GENESIS_HASH);

describe('isStorable', () => {
  it('when every string is well-formed (CJK, an emoji, hundreds of subjects), then the record is storable', () => {
    expect(isStorable(record({}))).toBe(true);
    expect(isStorable(record({ subjects: { 'public-security': Array.from({ length: 500 }, (_v, i) => String(i).padStart(64, '0')) } }))).toBe(true);
  });

  it('when a lone surrogate hides anywhere (a field, a list, a subject, a key), then it is not', () => {
    expect(isStorable(record({ operationName: 'Q\ud800' }))).toBe(false);
    expect(isStorable(record({ roles: ['consumer', '\udc00'] }))).toBe(false);
    expect(isStorable(record({ subjects: { 'public-security': ['a'.repeat(64), `${'b'.repeat(63)}\ud83c`] } }))).toBe(false);
    expect(isStorable(record({ served: { 'public\ud800': { calls: 1, entities: 0 } } }))).toBe(false);
  });
});
