import { describe, expect, it } from 'vitest';
import { addWorkingDays, calendarSource, isProvisional, LIBRARY_CALENDAR, scheduleOf, type WorkingCalendar } from './working-calendar.ts';

/** A 2027 Spring Festival schedule as the coordination office would enter it from the State Council's notice. */
const SPRING_2027 = {
  holidays: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'],
  workdays: ['2027-01-31', '2027-02-20'],
};
const ENTERED_2027: WorkingCalendar = { entered: new Map([[2027, SPRING_2027]]) };

describe('working days from the library', () => {
  it('art-13: due date is 10 working days across the National Day holiday', () => {
    // 2025: 1–8 October off; Sunday 28 September and Saturday 11 October are working days (调休).
    expect(addWorkingDays('2025-09-26', 10, LIBRARY_CALENDAR)).toBe('2025-10-16');
  });

  it('art-13: due date skips weekends', () => {
    expect(addWorkingDays('2026-03-06', 10, LIBRARY_CALENDAR)).toBe('2026-03-20');
  });

  it('art-13: due date skips the Dragon Boat Festival', () => {
    // 19 June 2026 (Friday) is 端午节.
    expect(addWorkingDays('2026-06-05', 10, LIBRARY_CALENDAR)).toBe('2026-06-22');
  });

  it("when a year's schedule is listed, then its weekday days off and its weekend working days are the library's", () => {
    const schedule = scheduleOf(2026, LIBRARY_CALENDAR);
    expect(schedule.holidays).toEqual(expect.arrayContaining(['2026-10-01', '2026-10-07', '2026-06-19']));
    expect(schedule.holidays).not.toContain('2026-10-03'); // a Saturday: off anyway
    expect(schedule.workdays).toEqual(expect.arrayContaining(['2026-09-20', '2026-10-10']));
  });
});

describe('years the library does not know', () => {
  it('when a deadline falls in a year with no schedule, then only weekends are skipped and the deadline is provisional', () => {
    expect(calendarSource(2027, LIBRARY_CALENDAR)).toBe('WEEKENDS_ONLY');
    expect(addWorkingDays('2027-01-29', 10, LIBRARY_CALENDAR)).toBe('2027-02-12');
    expect(isProvisional('2026-12-25', addWorkingDays('2026-12-25', 10, LIBRARY_CALENDAR), LIBRARY_CALENDAR)).toBe(true);
    expect(isProvisional('2026-06-05', '2026-06-22', LIBRARY_CALENDAR)).toBe(false);
  });

  it('art-13: when the coordination office entered the year, then its holidays are skipped and its 调休 Sunday counts', () => {
    expect(calendarSource(2027, ENTERED_2027)).toBe('ENTERED');
    // Sunday 31 January worked; 5–11 February off; so the tenth working day after Friday 29 January is Thursday 18 February.
    expect(addWorkingDays('2027-01-29', 10, ENTERED_2027)).toBe('2027-02-18');
    expect(isProvisional('2027-01-29', '2027-02-18', ENTERED_2027)).toBe(false);
  });

  it('when the office entered a year the library knows, then the entry wins', () => {
    const corrected: WorkingCalendar = { entered: new Map([[2026, { holidays: ['2026-03-09'], workdays: [] }]]) };
    expect(calendarSource(2026, corrected)).toBe('ENTERED');
    expect(addWorkingDays('2026-03-06', 1, corrected)).toBe('2026-03-10');
    expect(addWorkingDays('2026-10-01', 1, corrected)).toBe('2026-10-02'); // the library's holiday no longer applies
  });
});
