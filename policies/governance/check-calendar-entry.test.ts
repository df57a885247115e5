import { describe, expect, it } from 'vitest';
import { checkCalendarEntry, MAX_HOLIDAYS } from './check-calendar-entry.ts';
import { actor, outcome } from './harness.ts';

const operator = actor('info-center', 'platform-admin');
const SPRING = { holidays: ['2027-02-09', '2027-02-05', '2027-02-05'], workdays: ['2027-01-31'] };

describe('check calendar entry', () => {
  it('when the operator enters a year with a reason, then its days are kept once each, in order', () => {
    const verdict = checkCalendarEntry(operator, 2027, SPRING, '国务院办公厅关于2027年部分节假日安排的通知');
    expect(verdict).toEqual({ ok: true, value: { holidays: ['2027-02-05', '2027-02-09'], workdays: ['2027-01-31'] } });
  });

  it.each([
    ['a provider admin', actor('human-resources', 'provider-admin')],
    ['a consumer of the operator', actor('info-center')],
  ])('when %s enters a year, then FORBIDDEN', (_name, who) => {
    expect(outcome(checkCalendarEntry(who, 2027, SPRING, '通知'))).toMatch(/^FORBIDDEN/);
  });

  it.each([
    ['a year out of range', 1999, SPRING, /^BAD_USER_INPUT: year must be between/],
    ['a fractional year', 2027.5, SPRING, /^BAD_USER_INPUT: year must be between/],
    ['a date of another year', 2027, { holidays: ['2028-01-01'], workdays: [] }, /Not a date of 2027/],
    ['an impossible date', 2027, { holidays: ['2027-02-30'], workdays: [] }, /Not a date of 2027/],
    ['a date with a time', 2027, { holidays: ['2027-02-05T00:00'], workdays: [] }, /Not a date of 2027/],
    ['a day both off and worked', 2027, { holidays: ['2027-01-31'], workdays: ['2027-01-31'] }, /both off and worked/],
    ['a weekday as a worked day', 2027, { holidays: [], workdays: ['2027-02-01'] }, /weekend days/],
    [
      'too many days off',
      2027,
      { holidays: Array.from({ length: MAX_HOLIDAYS + 1 }, (_, i) => `2027-03-${String((i % 28) + 1).padStart(2, '0')}`), workdays: [] },
      /at most/,
    ],
  ])('when the entry has %s, then BAD_USER_INPUT', (_name, year, schedule, expected) => {
    expect(outcome(checkCalendarEntry(operator, year, schedule, '通知'))).toMatch(expected);
  });

  it('when no reason is given, then BAD_USER_INPUT', () => {
    expect(outcome(checkCalendarEntry(operator, 2027, SPRING, '  '))).toMatch(/^BAD_USER_INPUT: Give the reason/);
  });
});
