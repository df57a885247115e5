import { describe, expect, it } from 'vitest';
import { testCatalog } from '../test-fixtures.ts';
import { checkException } from './check-exception.ts';
import { actor, outcome, pending, WINDOW, ZHOUCUN } from './harness.ts';

describe('art-13: exceptions of the coordination office', () => {
  const operator = actor('info-center', 'platform-admin');
  const context = { catalog: testCatalog, window: WINDOW, departments: ['civil-affairs', 'approval', 'info-center'], purposes: ZHOUCUN.purposes };
  const input = {
    dept: 'civil-affairs',
    fields: ['Resident.record'],
    purpose: 'ADMINISTRATIVE_BASIS' as const,
    basis: '《社会救助暂行办法》第十一条',
    reason: '协调办公室裁定',
    validUntil: '2026-12-31',
  };
  const escalated = { ...pending, fields: ['Resident.record', 'Resident.address'], status: 'ESCALATED' };

  it('art-11: an exception needs the coordination office, a legal basis and a reason', () => {
    expect(checkException(operator, input, undefined, context).ok).toBe(true);
    expect(outcome(checkException(operator, { ...input, basis: '' }, undefined, context))).toMatch(/legal basis/);
    expect(outcome(checkException(operator, { ...input, reason: ' ' }, undefined, context))).toBe(
      'BAD_USER_INPUT: The coordination office must give its reason (art. 13)',
    );
    expect(outcome(checkException(actor('human-resources', 'provider-admin'), input, undefined, context))).toMatch(/^FORBIDDEN/);
  });

  it('art-13: when an exception answers an escalated request, then it grants exactly that department, purpose and requested items', () => {
    expect(checkException(operator, input, escalated, context).ok).toBe(true);
    expect(checkException(operator, { ...input, fields: ['Resident.record', 'Resident.address'] }, escalated, context).ok).toBe(true);
    expect(outcome(checkException(operator, { ...input, dept: 'approval' }, escalated, context))).toBe(
      'BAD_USER_INPUT: The request was made by civil-affairs: an exception answering it grants civil-affairs only',
    );
    expect(outcome(checkException(operator, { ...input, purpose: 'WORK_REFERENCE' }, escalated, context))).toBe(
      'BAD_USER_INPUT: The request is for ADMINISTRATIVE_BASIS: an exception answering it grants that purpose only',
    );
    expect(outcome(checkException(operator, { ...input, fields: ['Resident.record', 'Resident.pension'] }, escalated, context))).toBe(
      'BAD_USER_INPUT: An exception cannot add items that were not requested: Resident.pension',
    );
    expect(outcome(checkException(operator, { ...input, validUntil: '2027-01-31' }, escalated, context))).toBe(
      'BAD_USER_INPUT: An exception may shorten the validity, never extend it: the request asks until 2026-12-31',
    );
    expect(outcome(checkException(operator, input, { ...escalated, status: 'REFUSED' }, context))).toMatch(/^CONFLICT: Only an escalated request/);
  });

  it('art-13: when an exception answers an escalated VERIFY request, then it grants VERIFY (named or not), and a READ request READ only', () => {
    const verifying = { ...escalated, action: 'VERIFY' };
    expect(checkException(operator, { ...input, action: 'VERIFY' }, verifying, context)).toEqual({ ok: true, value: { action: 'VERIFY' } });
    expect(checkException(operator, input, verifying, context)).toEqual({ ok: true, value: { action: 'VERIFY' } });
    expect(checkException(operator, input, escalated, context)).toEqual({ ok: true, value: { action: 'READ' } });
    expect(outcome(checkException(operator, { ...input, action: 'READ' }, verifying, context))).toBe(
      'BAD_USER_INPUT: The request asks to verify: an exception answering it grants that action only',
    );
    expect(outcome(checkException(operator, { ...input, action: 'VERIFY' }, escalated, context))).toBe(
      'BAD_USER_INPUT: The request asks to read: an exception answering it grants that action only',
    );
  });

  it('art-4: when an exception would grant the platform operator itself, then FORBIDDEN, with or without a request', () => {
    const own = { ...input, dept: 'info-center' };
    expect(outcome(checkException(operator, own, undefined, context))).toBe(
      'FORBIDDEN: The coordination office never grants exceptional access to the platform operator (info-center) itself',
    );
    expect(outcome(checkException(operator, own, { ...escalated, requestingDept: 'info-center' }, context))).toMatch(
      /^FORBIDDEN: The coordination office never grants/,
    );
  });

  it('art-13: when an exception runs longer than the longest validity, then it is refused', () => {
    expect(outcome(checkException(operator, { ...input, validUntil: '2027-06-02' }, undefined, context))).toBe(
      'BAD_USER_INPUT: validUntil 2027-06-02 is too far ahead: a grant is valid for at most 365 days, until 2027-06-01',
    );
    expect(checkException(operator, { ...input, validUntil: '2027-06-01' }, undefined, context).ok).toBe(true);
  });
});
