import { describe, expect, it } from 'vitest';
import { checkDecision } from './check-decision.ts';
import { actor, outcome, pending, TODAY, WINDOW } from './harness.ts';

describe('art-13: decisions', () => {
  const provider = actor('human-resources', 'provider-admin');

  it('art-13: refusal requires a reason', () => {
    expect(outcome(checkDecision(provider, pending, { approve: false }, WINDOW))).toBe('BAD_USER_INPUT: A refusal must give its reason (art. 13)');
    expect(checkDecision(provider, pending, { approve: false, reason: '超出履职需要' }, WINDOW).ok).toBe(true);
  });

  it('art-13: when the provider approves fewer items and another expiry, then the grant is that narrower one', () => {
    expect(checkDecision(provider, pending, { approve: true, fields: ['Resident.pension'], validUntil: '2026-09-30' }, WINDOW)).toEqual({
      ok: true,
      value: { fields: ['Resident.pension'], validUntil: '2026-09-30' },
    });
  });

  it('art-13: when an approval names items that were not requested, then it is refused', () => {
    expect(outcome(checkDecision(provider, pending, { approve: true, fields: ['Resident.address'] }, WINDOW))).toMatch(/cannot add items/);
  });

  it('art-13: when an approval expires in the past, then it is refused', () => {
    expect(outcome(checkDecision(provider, pending, { approve: true, validUntil: '2026-01-01' }, WINDOW))).toMatch(
      /^BAD_USER_INPUT: validUntil 2026-01-01 is in the past/,
    );
  });

  it('art-13: no one decides their own request, even as provider-admin', () => {
    const own = { ...pending, requestingDept: 'human-resources' };
    expect(outcome(checkDecision(provider, own, { approve: true }, WINDOW))).toMatch(/^FORBIDDEN: No one decides their own request/);
  });

  it("art-21: when the decider is not the provider's sharing administrator, then FORBIDDEN", () => {
    expect(outcome(checkDecision(actor('human-resources'), pending, { approve: true }, WINDOW))).toMatch(/^FORBIDDEN: Only a sharing administrator/);
    expect(outcome(checkDecision(actor('approval', 'provider-admin'), pending, { approve: true }, WINDOW))).toMatch(
      /^FORBIDDEN: This request is for human-resources/,
    );
    expect(outcome(checkDecision(actor('info-center', 'platform-admin'), pending, { approve: true }, WINDOW))).toMatch(/^FORBIDDEN/);
  });

  it('when the request was already decided, then CONFLICT', () => {
    expect(outcome(checkDecision(provider, { ...pending, status: 'APPROVED' }, { approve: true }, WINDOW))).toMatch(/^CONFLICT/);
  });

  it('art-13: when an approval asks for a longer validity than requested, then it is refused; without one, the grant runs as wanted', () => {
    expect(outcome(checkDecision(provider, pending, { approve: true, validUntil: '2027-01-01' }, WINDOW))).toBe(
      'BAD_USER_INPUT: An approval may shorten the validity, never extend it: the request asks until 2026-12-31',
    );
    expect(checkDecision(provider, pending, { approve: true }, WINDOW)).toEqual({ ok: true, value: { fields: pending.fields, validUntil: '2026-12-31' } });
  });

  it('art-13: when the longest validity was lowered after the request, then an approval is cut to it, and asking beyond it is refused', () => {
    const short = { today: TODAY, maxDays: 30 };
    expect(checkDecision(provider, pending, { approve: true }, short)).toEqual({ ok: true, value: { fields: pending.fields, validUntil: '2026-07-01' } });
    expect(outcome(checkDecision(provider, pending, { approve: true, validUntil: '2026-07-02' }, short))).toBe(
      'BAD_USER_INPUT: validUntil 2026-07-02 is too far ahead: a grant is valid for at most 30 days, until 2026-07-01',
    );
  });
});
