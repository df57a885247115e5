import { describe, expect, it } from 'vitest';
import { checkNegotiationOutcome, type NegotiationRecord } from './check-negotiation-outcome.ts';
import { actor, outcome, pending, WINDOW } from './harness.ts';

describe('art-13: negotiation between the two departments', () => {
  const negotiating = { ...pending, status: 'NEGOTIATING' };
  const provider = actor('human-resources', 'provider-admin');
  const requester = actor('civil-affairs');
  const record = (who: ReturnType<typeof actor>, entry: NegotiationRecord, notShared: string[] = [], request = negotiating) =>
    checkNegotiationOutcome(who, request, entry, { notShared, window: WINDOW });

  it('art-13: when either department records a failed negotiation with its text, then it goes on (to the coordination office)', () => {
    expect(record(requester, { outcome: 'FAILED', text: '提供部门坚持不予共享' }).ok).toBe(true);
    expect(record(provider, { outcome: 'FAILED', text: '双方未达成一致' }).ok).toBe(true);
    expect(outcome(record(requester, { outcome: 'FAILED', text: '  ' }))).toBe(
      'BAD_USER_INPUT: Record what the negotiation came to: what was agreed, or why it failed',
    );
  });

  it("art-13: when the provider's sharing administrator records an agreement, then it grants requested items only, never longer than asked", () => {
    expect(record(provider, { outcome: 'AGREED', text: '同意按月核验', fields: ['Resident.pension'], validUntil: '2026-09-30' })).toEqual({
      ok: true,
      value: { fields: ['Resident.pension'], validUntil: '2026-09-30' },
    });
    expect(outcome(record(provider, { outcome: 'AGREED', text: '同意', fields: ['Resident.address'] }))).toBe(
      'BAD_USER_INPUT: An agreement cannot add items that were not requested: Resident.address',
    );
    expect(outcome(record(provider, { outcome: 'AGREED', text: '同意', validUntil: '2027-01-31' }))).toMatch(/shorten the validity, never extend it/);
  });

  it('art-13: when the requester records an agreement, or the items are not shared (NONE), then it is refused: only the provider grants, and NONE only the coordination office', () => {
    expect(outcome(record(requester, { outcome: 'AGREED', text: '同意' }))).toMatch(
      /^FORBIDDEN: An agreement is recorded by the provider's sharing administrator/,
    );
    expect(outcome(record(provider, { outcome: 'AGREED', text: '同意' }, ['Resident.pensionIn']))).toMatch(
      /^BAD_USER_INPUT: Items not shared \(NONE\) are granted only by the coordination office: Resident.pensionIn/,
    );
  });

  it('when a third department, a provider without its role, or a request not under negotiation is named, then it is refused', () => {
    expect(outcome(record(actor('approval', 'provider-admin'), { outcome: 'FAILED', text: 'x' }))).toMatch(/^FORBIDDEN: Only the two departments/);
    expect(outcome(record(actor('human-resources'), { outcome: 'FAILED', text: 'x' }))).toMatch(/^FORBIDDEN/);
    expect(outcome(record(requester, { outcome: 'FAILED', text: 'x' }, [], pending))).toBe(
      'CONFLICT: The request is pending; only a request under negotiation has one',
    );
  });
});
