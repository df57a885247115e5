import { describe, expect, it } from 'vitest';
import { checkComplianceCheck } from './check-compliance-check.ts';
import { actor, outcome, pending, PROVINCIAL } from './harness.ts';

describe('compliance check (provincial-two-step)', () => {
  const waiting = { ...pending, status: 'COMPLIANCE_CHECK' };
  const operator = actor('info-center', 'platform-admin');
  const check = (finding: { pass: boolean; reason?: string; publicationNeeded?: boolean }, request = waiting, who = operator, holdsNotShared = false) =>
    checkComplianceCheck(who, request, { publicationNeeded: false, ...finding }, { holdsNotShared, profile: PROVINCIAL });

  it('when the operator passes a request, then the provider answers in 5 working days, or 10 when it must first publish the items', () => {
    expect(check({ pass: true })).toEqual({ ok: true, value: { status: 'PENDING', workingDays: 5 } });
    expect(check({ pass: true, publicationNeeded: true })).toEqual({ ok: true, value: { status: 'PENDING', workingDays: 10 } });
  });

  it('art-13: when the request holds items not shared, then passing it starts the negotiation between the two departments', () => {
    expect(check({ pass: true }, waiting, operator, true)).toEqual({ ok: true, value: { status: 'NEGOTIATING', workingDays: 10 } });
  });

  it('when the operator refuses, then a reason is required and the request ends not compliant', () => {
    expect(outcome(check({ pass: false, reason: ' ' }))).toBe('BAD_USER_INPUT: A request found not compliant must be told why');
    expect(check({ pass: false, reason: '用途与履职事项不符' })).toEqual({ ok: true, value: { status: 'COMPLIANCE_REFUSED', workingDays: null } });
  });

  it('art-4: when anyone but the operator checks, or the request is past its check, then it is refused', () => {
    expect(outcome(check({ pass: true }, waiting, actor('human-resources', 'provider-admin')))).toMatch(/^FORBIDDEN: Only the platform operator/);
    expect(outcome(check({ pass: true }, pending))).toBe('CONFLICT: The request is pending; only a request waiting for its compliance check is checked');
  });
});
