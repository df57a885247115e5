import { describe, expect, it } from 'vitest';
import { checkReferral } from './check-referral.ts';
import { actor, outcome, pending, PROVINCIAL, ZHOUCUN } from './harness.ts';

describe('art-13: referral to the city leading group', () => {
  const escalated = { ...pending, status: 'ESCALATED' };
  const office = actor('info-center', 'platform-admin');

  it('art-13: when the coordination office refers an escalated request with its reason under zhoucun-2018, then it is allowed', () => {
    expect(checkReferral(office, escalated, '涉及跨市数据，报请市领导小组协调决定', ZHOUCUN)).toEqual({ ok: true, value: true });
    expect(outcome(checkReferral(office, escalated, ' ', ZHOUCUN))).toBe('BAD_USER_INPUT: Say why the city leading group should decide');
  });

  it('when the profile has no city referral, the caller is not the office, or the request is not with the office, then it is refused', () => {
    expect(outcome(checkReferral(office, escalated, '报请', PROVINCIAL))).toBe(
      'CONFLICT: The regulation profile provincial-two-step has no referral to the city leading group: the coordination office decides',
    );
    expect(outcome(checkReferral(actor('human-resources', 'provider-admin'), escalated, '报请', ZHOUCUN))).toMatch(/^FORBIDDEN/);
    expect(outcome(checkReferral(office, { ...pending, status: 'NEGOTIATING' }, '报请', ZHOUCUN))).toBe(
      'CONFLICT: Only a request with the coordination office is referred; this one is negotiating',
    );
  });
});
