import { describe, expect, it } from 'vitest';
import { testCatalog } from '../test-fixtures.ts';
import type { Consumer } from '../types.ts';
import { checkAccessRequest } from './check-access-request.ts';
import { addWorkingDays, chinaDate, endOfChinaDate } from './china-date.ts';
import { checkDecision, checkEscalation, checkException, checkRevocation } from './decision-rules.ts';
import { checkDisputeAnswer, checkDisputeReport } from './dispute-rules.ts';

const TODAY = '2026-06-01';
const WINDOW = { today: TODAY, maxDays: 365 };
const consumer = (dept: string, ...roles: Consumer['roles'][number][]): Consumer => ({ app: `${dept}-app`, dept, roles: roles.length ? roles : ['consumer'] });
const pending = { requestingDept: 'civil-affairs', provider: 'human-resources', fields: ['Resident.pension', 'Resident.pensionIn'], status: 'PENDING' };

function message(verdict: { ok: boolean; message?: string; problem?: string }) {
  return verdict.ok ? 'ok' : `${verdict.problem}: ${verdict.message}`;
}

describe('art-13: access requests', () => {
  const request = (overrides: Partial<Parameters<typeof checkAccessRequest>[0]> = {}) =>
    checkAccessRequest({ fields: ['Resident.pension'], purpose: 'ADMINISTRATIVE_BASIS', justification: '低保资格审核', validUntil: '2026-12-31', ...overrides }, 'civil-affairs', testCatalog, WINDOW);

  it('art-13: when a consumer applies for a conditional item with a justification, then it goes to the provider', () => {
    expect(request()).toEqual({ ok: true, value: { provider: 'human-resources', fields: ['Resident.pension'], toCoordinationOffice: false } });
  });

  it('art-13: when the field is unknown, then the message names it', () => {
    expect(message(request({ fields: ['Resident.salary'] }))).toBe('BAD_USER_INPUT: Unknown data items: Resident.salary (use Type.field as listed in the catalog)');
  });

  it('art-10: when an item is UNCONDITIONAL, then no request is needed', () => {
    expect(message(request({ fields: ['Resident.name'] }))).toMatch(/Shared unconditionally, no request needed: Resident.name/);
  });

  it('art-13: when the items belong to several providers, then one request per provider is asked for', () => {
    expect(message(request({ fields: ['Resident.pension', 'Resident.address'] }))).toMatch(/several providers/);
  });

  it('art-13: when the wanted expiry is in the past, then it is refused', () => {
    expect(message(request({ validUntil: '2026-05-31' }))).toBe('BAD_USER_INPUT: validUntil 2026-05-31 is in the past');
  });

  it('art-13: when the wanted expiry is beyond the longest validity, then it is refused', () => {
    expect(message(request({ validUntil: '2027-06-02' }))).toBe('BAD_USER_INPUT: validUntil 2027-06-02 is too far ahead: a grant is valid for at most 365 days, until 2027-06-01');
    expect(request({ validUntil: '2027-06-01' }).ok).toBe(true);
  });

  it('art-13: when the wanted expiry is not on the calendar, then it is refused', () => {
    expect(message(request({ validUntil: '2026-02-30' }))).toBe('BAD_USER_INPUT: validUntil "2026-02-30" is not a date (YYYY-MM-DD)');
  });

  it('art-5: when there is no justification, then it is refused', () => {
    expect(message(request({ justification: '  ' }))).toMatch(/justification is required/);
  });

  it('art-11: when a NONE item is requested, then the request goes to the coordination office', () => {
    const verdict = checkAccessRequest({ fields: ['Resident.record'], purpose: 'ADMINISTRATIVE_BASIS', justification: 'court order', validUntil: '2026-12-31' }, 'civil-affairs', testCatalog, WINDOW);
    expect(verdict).toMatchObject({ ok: true, value: { toCoordinationOffice: true, provider: 'public-security' } });
  });
});

describe('art-13: decisions', () => {
  const provider = consumer('human-resources', 'provider-admin');

  it('art-13: refusal requires a reason', () => {
    expect(message(checkDecision(provider, pending, { approve: false }, WINDOW, '2026-12-31'))).toBe('BAD_USER_INPUT: A refusal must give its reason (art. 13)');
    expect(checkDecision(provider, pending, { approve: false, reason: '超出履职需要' }, WINDOW, '2026-12-31').ok).toBe(true);
  });

  it('art-13: when the provider approves fewer items and another expiry, then the grant is that narrower one', () => {
    expect(checkDecision(provider, pending, { approve: true, fields: ['Resident.pension'], validUntil: '2026-09-30' }, WINDOW, '2026-12-31')).toEqual({ ok: true, value: { fields: ['Resident.pension'], validUntil: '2026-09-30' } });
  });

  it('art-13: when an approval names items that were not requested, then it is refused', () => {
    expect(message(checkDecision(provider, pending, { approve: true, fields: ['Resident.address'] }, WINDOW, '2026-12-31'))).toMatch(/cannot add items/);
  });

  it('art-13: when an approval expires in the past, then it is refused', () => {
    expect(message(checkDecision(provider, pending, { approve: true, validUntil: '2026-01-01' }, WINDOW, '2026-12-31'))).toMatch(/^BAD_USER_INPUT: validUntil 2026-01-01 is in the past/);
  });

  it('art-13: no one decides their own request, even as provider-admin', () => {
    const own = { ...pending, requestingDept: 'human-resources' };
    expect(message(checkDecision(provider, own, { approve: true }, WINDOW, '2026-12-31'))).toMatch(/^FORBIDDEN: No one decides their own request/);
  });

  it('art-21: when the decider is not the provider\'s sharing administrator, then FORBIDDEN', () => {
    expect(message(checkDecision(consumer('human-resources'), pending, { approve: true }, WINDOW, '2026-12-31'))).toMatch(/^FORBIDDEN: Only a sharing administrator/);
    expect(message(checkDecision(consumer('approval', 'provider-admin'), pending, { approve: true }, WINDOW, '2026-12-31'))).toMatch(/^FORBIDDEN: This request is for human-resources/);
    expect(message(checkDecision(consumer('info-center', 'platform-admin'), pending, { approve: true }, WINDOW, '2026-12-31'))).toMatch(/^FORBIDDEN/);
  });

  it('when the request was already decided, then CONFLICT', () => {
    expect(message(checkDecision(provider, { ...pending, status: 'APPROVED' }, { approve: true }, WINDOW, '2026-12-31'))).toMatch(/^CONFLICT/);
  });

  it('art-13: only the requesting department escalates, and only a refused request or a pending one past its due date', () => {
    const dueToday = { ...pending, dueDate: TODAY };
    expect(checkEscalation(consumer('civil-affairs'), { ...dueToday, status: 'REFUSED' }, '业务确需', TODAY).ok).toBe(true);
    expect(message(checkEscalation(consumer('approval'), { ...dueToday, status: 'REFUSED' }, 'x', TODAY))).toMatch(/^FORBIDDEN/);
    expect(message(checkEscalation(consumer('civil-affairs'), dueToday, 'x', TODAY))).toBe("CONFLICT: The provider's answer is due by 2026-06-01; a pending request can be escalated once that day has passed");
    expect(checkEscalation(consumer('civil-affairs'), dueToday, '逾期未答复', '2026-06-02').ok).toBe(true);
    expect(message(checkEscalation(consumer('approval'), dueToday, '逾期未答复', '2026-06-02'))).toMatch(/^FORBIDDEN/);
    expect(message(checkEscalation(consumer('civil-affairs'), { ...dueToday, status: 'APPROVED' }, 'x', '2026-06-02'))).toMatch(/^CONFLICT: Only a refused or overdue request/);
  });

  it('art-13: when an approval asks for a longer validity than requested, then it is refused; without one, the grant runs as wanted', () => {
    expect(message(checkDecision(provider, pending, { approve: true, validUntil: '2027-01-01' }, WINDOW, '2026-12-31'))).toBe('BAD_USER_INPUT: An approval may shorten the validity, never extend it: the request asks until 2026-12-31');
    expect(checkDecision(provider, pending, { approve: true }, WINDOW, '2026-12-31')).toEqual({ ok: true, value: { fields: pending.fields, validUntil: '2026-12-31' } });
  });

  it('art-13: when the longest validity was lowered after the request, then an approval is cut to it, and asking beyond it is refused', () => {
    const short = { today: TODAY, maxDays: 30 };
    expect(checkDecision(provider, pending, { approve: true }, short, '2026-12-31')).toEqual({ ok: true, value: { fields: pending.fields, validUntil: '2026-07-01' } });
    expect(message(checkDecision(provider, pending, { approve: true, validUntil: '2026-07-02' }, short, '2026-12-31'))).toBe('BAD_USER_INPUT: validUntil 2026-07-02 is too far ahead: a grant is valid for at most 30 days, until 2026-07-01');
  });
});

describe('art-13: exceptions of the coordination office', () => {
  const operator = consumer('info-center', 'platform-admin');
  const context = { catalog: testCatalog, window: WINDOW, departments: ['civil-affairs', 'approval', 'info-center'] };
  const input = { dept: 'civil-affairs', fields: ['Resident.record'], purpose: 'ADMINISTRATIVE_BASIS' as const, basis: '《社会救助暂行办法》第十一条', reason: '协调办公室裁定', validUntil: '2026-12-31' };
  const escalated = { requestingDept: 'civil-affairs', fields: ['Resident.record', 'Resident.address'], purpose: 'ADMINISTRATIVE_BASIS', status: 'ESCALATED', wantedUntil: '2026-12-31' };

  it('art-11: an exception needs the coordination office, a legal basis and a reason', () => {
    expect(checkException(operator, input, undefined, context).ok).toBe(true);
    expect(message(checkException(operator, { ...input, basis: '' }, undefined, context))).toMatch(/legal basis/);
    expect(message(checkException(operator, { ...input, reason: ' ' }, undefined, context))).toBe('BAD_USER_INPUT: The coordination office must give its reason (art. 13)');
    expect(message(checkException(consumer('human-resources', 'provider-admin'), input, undefined, context))).toMatch(/^FORBIDDEN/);
  });

  it('art-13: when an exception answers an escalated request, then it grants exactly that department, purpose and requested items', () => {
    expect(checkException(operator, input, escalated, context).ok).toBe(true);
    expect(checkException(operator, { ...input, fields: ['Resident.record', 'Resident.address'] }, escalated, context).ok).toBe(true);
    expect(message(checkException(operator, { ...input, dept: 'approval' }, escalated, context))).toBe('BAD_USER_INPUT: The request was made by civil-affairs: an exception answering it grants civil-affairs only');
    expect(message(checkException(operator, { ...input, purpose: 'WORK_REFERENCE' }, escalated, context))).toBe('BAD_USER_INPUT: The request is for ADMINISTRATIVE_BASIS: an exception answering it grants that purpose only');
    expect(message(checkException(operator, { ...input, fields: ['Resident.record', 'Resident.pension'] }, escalated, context))).toBe('BAD_USER_INPUT: An exception cannot add items that were not requested: Resident.pension');
    expect(message(checkException(operator, { ...input, validUntil: '2027-01-31' }, escalated, context))).toBe('BAD_USER_INPUT: An exception may shorten the validity, never extend it: the request asks until 2026-12-31');
    expect(message(checkException(operator, input, { ...escalated, status: 'REFUSED' }, context))).toMatch(/^CONFLICT: Only an escalated request/);
  });

  it('art-4: when an exception would grant the platform operator itself, then FORBIDDEN, with or without a request', () => {
    const own = { ...input, dept: 'info-center' };
    expect(message(checkException(operator, own, undefined, context))).toBe('FORBIDDEN: The coordination office never grants exceptional access to the platform operator (info-center) itself');
    expect(message(checkException(operator, own, { ...escalated, requestingDept: 'info-center' }, context))).toMatch(/^FORBIDDEN: The coordination office never grants/);
  });

  it('art-13: when an exception runs longer than the longest validity, then it is refused', () => {
    expect(message(checkException(operator, { ...input, validUntil: '2027-06-02' }, undefined, context))).toBe('BAD_USER_INPUT: validUntil 2027-06-02 is too far ahead: a grant is valid for at most 365 days, until 2027-06-01');
    expect(checkException(operator, { ...input, validUntil: '2027-06-01' }, undefined, context).ok).toBe(true);
  });
});

describe('art-13: revocation', () => {
  const grant = { field: 'Resident.pension', kind: 'REQUEST', revoked: false };

  it('when a grant is revoked, then only its provider\'s administrator or the operator may, with a reason, once', () => {
    expect(checkRevocation(consumer('human-resources', 'provider-admin'), grant, testCatalog, '超期使用').ok).toBe(true);
    expect(checkRevocation(consumer('info-center', 'platform-admin'), grant, testCatalog, '违规使用').ok).toBe(true);
    expect(message(checkRevocation(consumer('civil-affairs', 'provider-admin'), grant, testCatalog, 'x'))).toMatch(/^FORBIDDEN/);
    expect(message(checkRevocation(consumer('human-resources', 'provider-admin'), grant, testCatalog, ' '))).toMatch(/^BAD_USER_INPUT/);
    expect(message(checkRevocation(consumer('human-resources', 'provider-admin'), { ...grant, revoked: true }, testCatalog, 'x'))).toMatch(/^CONFLICT/);
  });

  it('art-13: when the provider\'s administrator revokes an exceptional grant, then FORBIDDEN: only the coordination office revokes it', () => {
    const exception = { ...grant, field: 'Resident.record', kind: 'EXCEPTION' };
    expect(message(checkRevocation(consumer('public-security', 'provider-admin'), exception, testCatalog, '不同意'))).toBe('FORBIDDEN: An exceptional grant is revoked only by the coordination office (platform-admin) that granted it');
    expect(checkRevocation(consumer('info-center', 'platform-admin'), exception, testCatalog, '裁定期满').ok).toBe(true);
  });
});

describe('art-16: disputes', () => {
  it('art-16: a report names a known item, an entity and evidence, and goes to the item\'s provider', () => {
    expect(checkDisputeReport({ field: 'Resident.pension', entityKey: '370306198503120122', description: '金额与证明不符', evidence: '社保卡流水' }, testCatalog)).toEqual({ ok: true, value: { provider: 'human-resources' } });
    expect(message(checkDisputeReport({ field: 'Resident.pension', entityKey: 'x', description: 'd', evidence: '' }, testCatalog))).toMatch(/evidence/);
  });

  it('art-16: only the provider\'s administrator answers, once', () => {
    expect(checkDisputeAnswer(consumer('human-resources', 'provider-admin'), { provider: 'human-resources', status: 'OPEN' }, '已核实').ok).toBe(true);
    expect(message(checkDisputeAnswer(consumer('civil-affairs', 'provider-admin'), { provider: 'human-resources', status: 'OPEN' }, 'x'))).toMatch(/^FORBIDDEN/);
    expect(message(checkDisputeAnswer(consumer('human-resources', 'provider-admin'), { provider: 'human-resources', status: 'ANSWERED' }, 'x'))).toMatch(/^CONFLICT/);
  });
});

describe('working days', () => {
  it('art-13: due date is 10 working days across the National Day holiday', () => {
    // 2025: 1–8 October off; Sunday 28 September and Saturday 11 October are working days (调休).
    expect(addWorkingDays('2025-09-26', 10)).toBe('2025-10-16');
  });

  it('art-13: due date skips weekends', () => {
    expect(addWorkingDays('2026-03-06', 10)).toBe('2026-03-20');
  });

  it('art-13: due date skips the Dragon Boat Festival', () => {
    // 19 June 2026 (Friday) is 端午节.
    expect(addWorkingDays('2026-06-05', 10)).toBe('2026-06-22');
  });

  it('when an instant is late evening UTC, then the China date is already the next day', () => {
    expect(chinaDate(new Date('2026-06-01T17:00:00Z'))).toBe('2026-06-02');
    expect(endOfChinaDate('2026-06-01').toISOString()).toBe('2026-06-01T16:00:00.000Z');
  });
});
