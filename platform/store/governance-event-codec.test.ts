/**
 * The governance event hash as every existing governance log holds it. The expected hashes were
 * computed by the code that has chained events until now: if one fails, logs written before no
 * longer verify.
 */
import { describe, expect, it } from 'vitest';
import { GOVERNANCE_GENESIS_HASH, hashGovernanceEvent, type GovernanceEventContent } from './governance-event-codec.ts';

const GRANTED: GovernanceEventContent = {
  at: '2026-03-02T01:02:03.456Z',
  actor: 'human-resources-admin',
  actor_dept: 'human-resources',
  subject_kind: 'access_request',
  subject_id: 'ar-1',
  action: 'approved',
  reason: '同意：用于低保复核 “李雷” — 周政发〔2018〕6号 art. 13',
  details: { z: 1, fields: ['Resident.name'], a: { y: [1, { c: null, b: true }] } },
};
const NOTED: GovernanceEventContent = {
  at: '2026-03-02T01:02:04.000Z',
  actor: 'a',
  actor_dept: 'approval',
  subject_kind: 'grant',
  subject_id: 'g',
  action: 'noted',
  reason: null,
  details: {},
};
const FIRST_HASH = 'ca5115e6b41d4e02e488bc2257970fd347e8fd3d85045023acc5eafeaca5cada';
const SECOND_HASH = 'd7ccd94b766f7bf35cbfbe3b7f137a2871b8d5a0e3d8b802d799084ef4b44a0a';

describe('governance event hash (golden)', () => {
  it('when events with a reason and nested details, and without either, are hashed, then their hashes are those the governance log holds', () => {
    expect(hashGovernanceEvent(1, GOVERNANCE_GENESIS_HASH, GRANTED)).toBe(FIRST_HASH);
    expect(hashGovernanceEvent(2, FIRST_HASH, NOTED)).toBe(SECOND_HASH);
  });

  it('when the details come back from jsonb with their keys in another order, then the hash is the same', () => {
    const reordered = { ...GRANTED, details: { a: { y: [1, { b: true, c: null }] }, fields: ['Resident.name'], z: 1 } };
    expect(hashGovernanceEvent(1, GOVERNANCE_GENESIS_HASH, reordered)).toBe(hashGovernanceEvent(1, GOVERNANCE_GENESIS_HASH, GRANTED));
  });
});
