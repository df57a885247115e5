import { describe, expect, it } from 'vitest';
import type { Consumer } from '../types.ts';
import {
  answerTimeStats,
  checkRectificationNotice,
  checkRectificationRecord,
  checkReportPeriod,
  checkReportReader,
  isNotUpdatedInTime,
  notUpdatedExample,
  violationsOf,
  workingDaysBetween,
} from './evaluate-department.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import { requireShippedProfile } from '../regulation-profiles.ts';

const OPERATOR: Consumer = { app: 'op', dept: 'info-center', roles: ['platform-admin'] };
const HR_ADMIN: Consumer = { app: 'hr', dept: 'human-resources', roles: ['consumer', 'provider-admin'] };
const CONSUMER: Consumer = { app: 'c', dept: 'civil-affairs', roles: ['consumer'] };
const KNOWN = ['human-resources', 'civil-affairs'];
/** 2030: no holidays entered, one weekend working day (Sat 5 Jan) and one day off (Mon 7 Jan). */
const CALENDAR: WorkingCalendar = { entered: new Map([[2030, { holidays: ['2030-01-07'], workdays: ['2030-01-05'] }]]) };

describe('evaluate department (art. 17, 22)', () => {
  it('art-17: answer time counts the working days after the day submitted, through the day answered', () => {
    // Thu 3 Jan 2030 → Fri 4 (1), Sat 5 worked (2), Sun 6 off, Mon 7 holiday, Tue 8 (3)
    expect(workingDaysBetween('2030-01-03', '2030-01-03', CALENDAR)).toBe(0);
    expect(workingDaysBetween('2030-01-03', '2030-01-05', CALENDAR)).toBe(2);
    expect(workingDaysBetween('2030-01-03', '2030-01-08', CALENDAR)).toBe(3);
  });

  it('art-17: median is the middle value, or the mean of the two middle ones; none gives null', () => {
    expect(answerTimeStats([])).toEqual({ median: null, max: null });
    expect(answerTimeStats([9, 1, 4])).toEqual({ median: 4, max: 9 });
    expect(answerTimeStats([10, 0, 3, 4])).toEqual({ median: 3.5, max: 10 });
  });

  it('art-17: a period is calendar days, from not after to, at most 366 days', () => {
    expect(checkReportPeriod('2024-01-01', '2024-12-31')).toEqual({ ok: true, value: { from: '2024-01-01', to: '2024-12-31', days: 366 } });
    expect(checkReportPeriod('2026-05-01', '2026-05-01').ok).toBe(true);
    for (const [from, to] of [
      ['2026-01-01', '2027-01-02'],
      ['2026-01-02', '2026-01-01'],
      ['2026-02-29', '2026-03-01'],
      ['2026-1-1', '2026-02-01'],
      ['2026-01-01\n', '2026-02-01'],
      ['', '2026-02-01'],
    ])
      expect(checkReportPeriod(from!, to!)).toMatchObject({ ok: false, problem: 'BAD_USER_INPUT' });
  });

  it('art-17: the coordination office reads every report, a sharing administrator its own department’s, nobody else', () => {
    expect(checkReportReader(OPERATOR, 'human-resources', KNOWN).ok).toBe(true);
    expect(checkReportReader(HR_ADMIN, 'human-resources', KNOWN).ok).toBe(true);
    expect(checkReportReader(HR_ADMIN, 'civil-affairs', KNOWN)).toMatchObject({ ok: false, problem: 'FORBIDDEN' });
    expect(checkReportReader(CONSUMER, 'civil-affairs', KNOWN)).toMatchObject({ ok: false, problem: 'FORBIDDEN' });
    expect(checkReportReader(OPERATOR, 'nowhere', KNOWN)).toMatchObject({ ok: false, problem: 'NOT_FOUND' });
    // who may not read learns nothing about which departments exist
    expect(checkReportReader(CONSUMER, 'nowhere', KNOWN)).toMatchObject({ ok: false, problem: 'FORBIDDEN' });
  });

  it('art-22: violations are listed per kind that occurred, with their clause, count and at most 10 examples', () => {
    const many = Array.from({ length: 12 }, (_, i) => `r${i}`);
    expect(violationsOf({ REQUEST_ANSWERED_LATE: many, DISPUTE_UNANSWERED: [] })).toEqual([
      { kind: 'REQUEST_ANSWERED_LATE', clause: '22(2)', count: 12, examples: many.slice(0, 10) },
    ]);
  });

  it('art-22: only the coordination office issues a notice, of a known kind, within 1–60 working days (default 15); only the department records it, once', () => {
    expect(checkRectificationNotice(OPERATOR, { kind: 'CATALOG_NOT_UPDATED' })).toEqual({ ok: true, value: { workingDays: 15 } });
    expect(checkRectificationNotice(OPERATOR, { kind: 'CATALOG_NOT_UPDATED', workingDays: 60 }).ok).toBe(true);
    expect(checkRectificationNotice(HR_ADMIN, { kind: 'CATALOG_NOT_UPDATED' })).toMatchObject({ problem: 'FORBIDDEN' });
    for (const workingDays of [0, 61, 1.5, -1])
      expect(checkRectificationNotice(OPERATOR, { kind: 'CATALOG_NOT_UPDATED', workingDays })).toMatchObject({ problem: 'BAD_USER_INPUT' });
    expect(checkRectificationNotice(OPERATOR, { kind: 'toString' })).toMatchObject({ problem: 'BAD_USER_INPUT' });
    expect(checkRectificationRecord(HR_ADMIN, { department: 'human-resources', status: 'OPEN' }).ok).toBe(true);
    expect(checkRectificationRecord(HR_ADMIN, { department: 'human-resources', status: 'RECORDED' })).toMatchObject({ problem: 'CONFLICT' });
    expect(checkRectificationRecord(OPERATOR, { department: 'human-resources', status: 'OPEN' })).toMatchObject({ problem: 'FORBIDDEN' });
  });

  it('art-14, art-22: a resource is not updated in time when stale without a break beyond one cycle, or stale over a tenth of the period, for a day at least', () => {
    const thresholds = requireShippedProfile('zhoucun-2018').freshness;
    expect(thresholds).toEqual({ staleCycles: 1, staleShare: 0.1, minStaleDays: 1 });
    const time = { resource: 'Resident', updateCycle: 'DAILY', staleDays: 2, longestStaleDays: 2, periodDays: 365 };
    // a DAILY resource stale two days at once: the next update was missed too
    expect(isNotUpdatedInTime(time, thresholds)).toBe(true);
    // one day late, once, in a year: not yet
    expect(isNotUpdatedInTime({ ...time, staleDays: 1, longestStaleDays: 1 }, thresholds)).toBe(false);
    // a MONTHLY resource: 20 days at once is within a cycle; over a month's period it is more than a tenth of it
    const monthly = { ...time, updateCycle: 'MONTHLY', staleDays: 20, longestStaleDays: 20 };
    expect(isNotUpdatedInTime(monthly, thresholds)).toBe(false);
    expect(isNotUpdatedInTime({ ...monthly, periodDays: 31 }, thresholds)).toBe(true);
    expect(isNotUpdatedInTime({ ...monthly, longestStaleDays: 31 }, thresholds)).toBe(true);
    // many short lapses of a DAILY resource: 40 days of 365 in all, never more than a day at once
    expect(isNotUpdatedInTime({ ...time, staleDays: 40, longestStaleDays: 1 }, thresholds)).toBe(true);
    // under the floor: half a day stale in a one-day period
    expect(isNotUpdatedInTime({ ...time, staleDays: 0.5, longestStaleDays: 0.5, periodDays: 1 }, thresholds)).toBe(false);
    expect(isNotUpdatedInTime({ ...time, staleDays: 0.5, longestStaleDays: 0.5, periodDays: 1 }, { ...thresholds, minStaleDays: 0 })).toBe(true);
    // REALTIME counts a day as its cycle; no declared cycle is never stale, so never listed here
    expect(isNotUpdatedInTime({ ...time, updateCycle: 'REALTIME', staleDays: 1.5, longestStaleDays: 1.5 }, thresholds)).toBe(true);
    expect(isNotUpdatedInTime({ ...time, updateCycle: 'UNDECLARED' }, thresholds)).toBe(false);
    expect(isNotUpdatedInTime({ ...time, updateCycle: null }, thresholds)).toBe(false);
    expect(notUpdatedExample(time)).toBe('Resident (cycle DAILY, stale 2 days, longest 2 days without a break)');
    expect(violationsOf({ DATA_NOT_UPDATED: [notUpdatedExample(time)] })).toEqual([
      { kind: 'DATA_NOT_UPDATED', clause: '22(3)', count: 1, examples: ['Resident (cycle DAILY, stale 2 days, longest 2 days without a break)'] },
    ]);
    expect(checkRectificationNotice(OPERATOR, { kind: 'DATA_NOT_UPDATED' }).ok).toBe(true);
  });
});
