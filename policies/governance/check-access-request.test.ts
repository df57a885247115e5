import { describe, expect, it } from 'vitest';
import { testCatalog } from '../test-fixtures.ts';
import { checkAccessRequest } from './check-access-request.ts';
import { outcome, PROVINCIAL, WINDOW, ZHOUCUN } from './harness.ts';
import { LIBRARY_CALENDAR } from './working-calendar.ts';

describe('art-13: access requests', () => {
  const request = (overrides: Partial<Parameters<typeof checkAccessRequest>[0]> = {}) =>
    checkAccessRequest(
      { fields: ['Resident.pension'], purpose: 'ADMINISTRATIVE_BASIS', justification: '低保资格审核', validUntil: '2026-12-31', ...overrides },
      'civil-affairs',
      testCatalog,
      WINDOW,
      LIBRARY_CALENDAR,
      ZHOUCUN,
    );

  it('art-13: when a consumer applies for a conditional item with a justification, then it goes to the provider', () => {
    expect(request()).toEqual({
      ok: true,
      value: {
        provider: 'human-resources',
        fields: ['Resident.pension'],
        holdsNotShared: false,
        step: { status: 'PENDING', workingDays: 10 },
        validUntil: '2026-12-31',
        dueDate: '2026-06-15',
      },
    });
  });

  it('art-13: when the field is unknown, then the message names it', () => {
    expect(outcome(request({ fields: ['Resident.salary'] }))).toBe(
      'BAD_USER_INPUT: Unknown data items: Resident.salary (use Type.field as listed in the catalog)',
    );
  });

  it('art-10: when an item is UNCONDITIONAL, then no request is needed', () => {
    expect(outcome(request({ fields: ['Resident.name'] }))).toMatch(/Shared unconditionally, no request needed: Resident.name/);
  });

  it('art-13: when the items belong to several providers, then one request per provider is asked for', () => {
    expect(outcome(request({ fields: ['Resident.pension', 'Resident.address'] }))).toMatch(/several providers/);
  });

  it('art-13: when the wanted expiry is in the past, then it is refused', () => {
    expect(outcome(request({ validUntil: '2026-05-31' }))).toBe('BAD_USER_INPUT: validUntil 2026-05-31 is in the past');
  });

  it('art-13: when the wanted expiry is beyond the longest validity, then it is refused', () => {
    expect(outcome(request({ validUntil: '2027-06-02' }))).toBe(
      'BAD_USER_INPUT: validUntil 2027-06-02 is too far ahead: a grant is valid for at most 365 days, until 2027-06-01',
    );
    expect(request({ validUntil: '2027-06-01' }).ok).toBe(true);
  });

  it('art-13: when no expiry is asked for, then the request runs one year, or the longest validity if that is shorter', () => {
    expect(request({ validUntil: undefined })).toMatchObject({ ok: true, value: { validUntil: '2027-06-01' } });
    expect(
      checkAccessRequest(
        { fields: ['Resident.pension'], purpose: 'ADMINISTRATIVE_BASIS', justification: '低保资格审核' },
        'civil-affairs',
        testCatalog,
        {
          today: WINDOW.today,
          maxDays: 30,
        },
        LIBRARY_CALENDAR,
        ZHOUCUN,
      ),
    ).toMatchObject({ ok: true, value: { validUntil: '2026-07-01' } });
  });

  it("art-13: when a request is made, then the provider's answer is due in 10 working days", () => {
    expect(
      checkAccessRequest(
        { fields: ['Resident.pension'], purpose: 'ADMINISTRATIVE_BASIS', justification: '低保资格审核' },
        'civil-affairs',
        testCatalog,
        {
          today: '2025-09-26',
          maxDays: 365,
        },
        LIBRARY_CALENDAR,
        ZHOUCUN,
      ),
    ).toMatchObject({ ok: true, value: { dueDate: '2025-10-16' } });
  });

  it('art-13: when the wanted expiry is not on the calendar, then it is refused', () => {
    expect(outcome(request({ validUntil: '2026-02-30' }))).toBe('BAD_USER_INPUT: validUntil "2026-02-30" is not a date (YYYY-MM-DD)');
  });

  it('art-5: when there is no justification, then it is refused', () => {
    expect(outcome(request({ justification: '  ' }))).toMatch(/justification is required/);
  });

  it('art-13: when a NONE item is requested under zhoucun-2018, then the two departments first negotiate, within 10 working days', () => {
    const verdict = checkAccessRequest(
      { fields: ['Resident.record'], purpose: 'ADMINISTRATIVE_BASIS', justification: 'court order', validUntil: '2026-12-31' },
      'civil-affairs',
      testCatalog,
      WINDOW,
      LIBRARY_CALENDAR,
      ZHOUCUN,
    );
    expect(verdict).toMatchObject({
      ok: true,
      value: { holdsNotShared: true, provider: 'public-security', step: { status: 'NEGOTIATING', workingDays: 10 }, dueDate: '2026-06-15' },
    });
  });

  it('when a request is made under provincial-two-step, then the operator checks its compliance first, within 2 working days', () => {
    const verdict = checkAccessRequest(
      { fields: ['Resident.pension'], purpose: 'ADMINISTRATIVE_BASIS', justification: '低保资格审核', validUntil: '2026-12-31' },
      'civil-affairs',
      testCatalog,
      WINDOW,
      LIBRARY_CALENDAR,
      PROVINCIAL,
    );
    // Monday 1 June 2026 + 2 working days.
    expect(verdict).toMatchObject({ ok: true, value: { step: { status: 'COMPLIANCE_CHECK', workingDays: 2 }, dueDate: '2026-06-03' } });
  });

  it('art-13: when the purpose is not one the profile lists, then the request is refused naming the profile', () => {
    const narrow = { ...ZHOUCUN, purposes: ['DATA_VERIFICATION' as const] };
    const verdict = checkAccessRequest(
      { fields: ['Resident.pension'], purpose: 'ADMINISTRATIVE_BASIS', justification: '低保资格审核', validUntil: '2026-12-31' },
      'civil-affairs',
      testCatalog,
      WINDOW,
      LIBRARY_CALENDAR,
      narrow,
    );
    expect(outcome(verdict)).toBe('BAD_USER_INPUT: The regulation profile zhoucun-2018 knows the purposes DATA_VERIFICATION, not ADMINISTRATIVE_BASIS');
  });
});
