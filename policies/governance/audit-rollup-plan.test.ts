import { describe, expect, it } from 'vitest';
import {
  firstCountableDay,
  nextNightlyRollUp,
  planInlineRollUp,
  recheckWindow,
  rollAheadWindow,
  rolledUpTo,
  ROLL_AHEAD_DAYS,
  ROLLUP_RECHECK_DAYS,
} from './audit-rollup-plan.ts';

describe('audit roll-up plan (周政发〔2018〕6号 art. 17)', () => {
  it('art-17: the nightly roll-up runs at 00:05 China time, the next one after now', () => {
    // 2026-06-01 23:00 China = 15:00 UTC: the next run is 2026-06-02 00:05 China = 2026-06-01 16:05 UTC
    expect(nextNightlyRollUp(new Date('2026-06-01T15:00:00Z')).toISOString()).toBe('2026-06-01T16:05:00.000Z');
    // 00:02 China: today's run is still ahead
    expect(nextNightlyRollUp(new Date('2026-06-01T16:02:00Z')).toISOString()).toBe('2026-06-01T16:05:00.000Z');
    // exactly 00:05 China, or just after: tomorrow's
    expect(nextNightlyRollUp(new Date('2026-06-01T16:05:00Z')).toISOString()).toBe('2026-06-02T16:05:00.000Z');
    expect(nextNightlyRollUp(new Date('2026-06-02T03:00:00Z')).toISOString()).toBe('2026-06-02T16:05:00.000Z');
  });

  it('art-17: the roll-up ahead keeps two years of ended days, up to yesterday (China time)', () => {
    const window = rollAheadWindow(new Date('2026-07-01T04:00:00Z'), '2020-01-01');
    expect(window).toEqual({ first: '2024-06-30', last: '2026-06-30' }); // 2024 is a leap year
    const days = (Date.parse(`${window!.last}T00:00:00Z`) - Date.parse(`${window!.first}T00:00:00Z`)) / 86_400_000 + 1;
    expect(days).toBe(ROLL_AHEAD_DAYS);
    // 01:00 China on 2 July is still 1 July in UTC: yesterday is 1 July
    expect(rollAheadWindow(new Date('2026-07-01T17:00:00Z'), '2026-01-01')?.last).toBe('2026-07-01');
  });

  it('art-17: the roll-up ahead starts at the day of the earliest audit record; with no record, or only today’s, it rolls nothing', () => {
    const now = new Date('2026-07-01T04:00:00Z');
    expect(rollAheadWindow(now, '2026-06-20')).toEqual({ first: '2026-06-20', last: '2026-06-30' });
    expect(rollAheadWindow(now, '2026-06-30')).toEqual({ first: '2026-06-30', last: '2026-06-30' });
    expect(rollAheadWindow(now, null)).toBeNull();
    expect(rollAheadWindow(now, '2026-07-01')).toBeNull();
    expect(rollAheadWindow(now, '2024-06-30')?.first).toBe('2024-06-30');
    expect(rollAheadWindow(now, '2024-06-29')?.first).toBe('2024-06-30');
  });

  it('art-17: days of a period before the earliest audit record are never pending; with no record none is', () => {
    expect(firstCountableDay('2026-01-01', '2026-03-15')).toBe('2026-03-15');
    expect(firstCountableDay('2026-04-01', '2026-03-15')).toBe('2026-04-01');
    expect(firstCountableDay('2026-03-15', '2026-03-15')).toBe('2026-03-15');
    expect(firstCountableDay('2026-01-01', null)).toBeNull();
  });

  it('art-17: a report rolls at most the bound itself, the oldest pending days first', () => {
    const pending = ['2026-03-03', '2026-03-01', '2026-03-02', '2026-03-04'];
    expect(planInlineRollUp(pending, 2)).toEqual({ roll: ['2026-03-01', '2026-03-02'], left: ['2026-03-03', '2026-03-04'] });
    expect(planInlineRollUp(pending, 0)).toEqual({ roll: [], left: ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'] });
    expect(planInlineRollUp(pending, 10).left).toEqual([]);
    expect(planInlineRollUp(Array.from({ length: 400 }, (_, i) => `d${String(i).padStart(3, '0')}`)).roll).toHaveLength(31);
  });

  it('art-17: the report says up to which day it counted everything', () => {
    expect(rolledUpTo('2026-01-01', '2026-12-31', [])).toBe('2026-12-31');
    expect(rolledUpTo('2026-01-01', '2026-12-31', ['2026-03-05', '2026-02-01'])).toBe('2026-01-31');
    expect(rolledUpTo('2026-01-01', '2026-12-31', ['2026-01-01'])).toBeNull();
  });

  it('art-17: the nightly run checks the last 31 rolled days for late records, never before the window; the start run the whole window', () => {
    const window = { first: '2024-06-30', last: '2026-06-30' };
    expect(recheckWindow(window, ROLLUP_RECHECK_DAYS)).toEqual({ first: '2026-05-31', last: '2026-06-30' });
    expect(recheckWindow(window, ROLL_AHEAD_DAYS)).toEqual(window);
    expect(recheckWindow({ first: '2026-06-20', last: '2026-06-30' }, ROLLUP_RECHECK_DAYS)).toEqual({ first: '2026-06-20', last: '2026-06-30' });
    expect(recheckWindow(window, 1)).toEqual({ first: '2026-06-30', last: '2026-06-30' });
    expect(recheckWindow(window, 0)).toBeNull();
  });
});
