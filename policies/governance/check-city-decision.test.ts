import { describe, expect, it } from 'vitest';
import { checkCityDecision } from './check-city-decision.ts';
import { actor, outcome, pending, WINDOW } from './harness.ts';

describe("art-13: the city leading group's decision", () => {
  const referred = { ...pending, status: 'REFERRED_TO_CITY' };
  const office = actor('info-center', 'platform-admin');

  it("art-13: when the office enters the city's decision to grant, then it grants requested items only, never longer than asked", () => {
    expect(checkCityDecision(office, referred, { approve: true, decision: '市领导小组〔2026〕3号：同意共享', fields: ['Resident.pension'] }, WINDOW)).toEqual({
      ok: true,
      value: { fields: ['Resident.pension'], validUntil: '2026-12-31' },
    });
    expect(outcome(checkCityDecision(office, referred, { approve: true, decision: '同意', fields: ['Resident.address'] }, WINDOW))).toMatch(
      /^BAD_USER_INPUT: A decision entered for a request grants only requested items/,
    );
  });

  it("art-13: when the city's decision refuses, then nothing is granted; the decision's text is required either way", () => {
    expect(checkCityDecision(office, referred, { approve: false, decision: '市领导小组〔2026〕4号：不予共享' }, WINDOW)).toMatchObject({
      ok: true,
      value: { fields: [] },
    });
    expect(outcome(checkCityDecision(office, referred, { approve: false, decision: '' }, WINDOW))).toMatch(
      /^BAD_USER_INPUT: Enter the city leading group's decision/,
    );
  });

  it('when anyone but the office enters it, or the request was not referred, then it is refused', () => {
    expect(outcome(checkCityDecision(actor('civil-affairs'), referred, { approve: false, decision: 'x' }, WINDOW))).toMatch(/^FORBIDDEN/);
    expect(outcome(checkCityDecision(office, { ...pending, status: 'ESCALATED' }, { approve: false, decision: 'x' }, WINDOW))).toMatch(/^CONFLICT/);
  });
});
