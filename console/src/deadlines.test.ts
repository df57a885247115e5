import { describe, expect, it } from 'vitest';
import { deadlineAfter, firstStepDeadline, workingDaysLeft, yearsFrom } from './deadlines.ts';
import { calendarOf, calendarYear, ZHOUCUN_PROFILE } from './test-fixtures.ts';

/** 2026 with the National Day week off and Sunday 2026-10-11 worked (调休), as the API answers it. */
const Y2026 = calendarYear(2026, 'ENTERED', ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], ['2026-10-11']);

describe('deadlines counted on the calendar the API reports', () => {
  it('art-13 when a step starts before a holiday week, then the days off are skipped and a 调休 weekend day counts', () => {
    expect(deadlineAfter('2026-09-30', 2, calendarOf(Y2026, calendarYear(2027, 'LIBRARY')))).toEqual({ dueDate: '2026-10-09', provisional: false });
    expect(deadlineAfter('2026-10-09', 1, calendarOf(Y2026, calendarYear(2027, 'LIBRARY')))).toEqual({ dueDate: '2026-10-11', provisional: false });
  });

  it('when a year is WEEKENDS_ONLY, or was not answered at all, then a deadline reaching it is provisional', () => {
    expect(deadlineAfter('2026-12-30', 2, calendarOf(Y2026, calendarYear(2027, 'WEEKENDS_ONLY'))).provisional).toBe(true);
    expect(deadlineAfter('2026-12-30', 2, calendarOf(Y2026)).provisional).toBe(true);
    expect(deadlineAfter('2026-12-01', 2, calendarOf(Y2026)).provisional).toBe(false);
  });

  it('when the due date is ahead or past, then the working days left are positive, zero on the day, negative after', () => {
    const calendar = calendarOf(Y2026);
    expect(workingDaysLeft('2026-09-30', '2026-10-09', calendar)).toBe(2);
    expect(workingDaysLeft('2026-10-09', '2026-10-09', calendar)).toBe(0);
    expect(workingDaysLeft('2026-10-12', '2026-10-09', calendar)).toBe(-2);
  });

  it('when a request holds items not shared under a profile without negotiation, then it goes to the coordination office with no deadline', () => {
    const step = firstStepDeadline({ ...ZHOUCUN_PROFILE, negotiationWorkingDays: null }, true, '2026-11-27', calendarOf(Y2026));
    expect(step).toEqual({ step: 'ESCALATED', workingDays: null, deadline: undefined });
  });

  it('when counting from a date back to an earlier due date, then the years asked for cover both and the next', () => {
    expect(yearsFrom('2026-11-27')).toEqual([2026, 2027]);
    expect(yearsFrom('2026-11-27', '2025-12-30')).toEqual([2025, 2026, 2027]);
  });
});
