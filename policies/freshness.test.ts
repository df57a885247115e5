import { describe, expect, it } from 'vitest';
import { cacheTtlForCycle, measureFreshness, nextUpdateDue } from './freshness.ts';
import { LIBRARY_CALENDAR } from './governance/working-calendar.ts';

const at = (date: string) => new Date(`${date}T04:00:00Z`); // noon in China

describe('freshness (周政发〔2018〕6号 art. 14)', () => {
  it('art-14: data within the declared cycle are FRESH, past it STALE with the days late', () => {
    expect(measureFreshness('DAILY', '2026-11-26', at('2026-11-27'), LIBRARY_CALENDAR)).toEqual({ status: 'FRESH', dueOn: '2026-11-27' });
    expect(measureFreshness('DAILY', '2026-11-20', at('2026-11-27'), LIBRARY_CALENDAR)).toEqual({ status: 'STALE', dueOn: '2026-11-21', daysLate: 6 });
    expect(measureFreshness('MONTHLY', '2026-01-31', at('2026-02-28'), LIBRARY_CALENDAR).status).toBe('FRESH');
    expect(measureFreshness('MONTHLY', '2026-01-31', at('2026-03-01'), LIBRARY_CALENDAR)).toEqual({ status: 'STALE', dueOn: '2026-02-28', daysLate: 1 });
    expect(measureFreshness('REALTIME', '2026-11-26', at('2026-11-27'), LIBRARY_CALENDAR)).toEqual({ status: 'STALE', dueOn: '2026-11-26', daysLate: 1 });
    expect(measureFreshness('YEARLY', '2026-01-01', at('2026-11-27'), LIBRARY_CALENDAR).status).toBe('FRESH');
  });

  it('art-14: a WORKDAY cycle counts working days on the Chinese calendar (National Day week is not late)', () => {
    const afterHoliday = nextUpdateDue('WORKDAY', '2026-09-30', LIBRARY_CALENDAR);
    expect(afterHoliday > '2026-10-07').toBe(true);
    expect(measureFreshness('WORKDAY', '2026-09-30', at('2026-10-07'), LIBRARY_CALENDAR).status).toBe('FRESH');
    expect(measureFreshness('WORKDAY', '2026-11-27', at('2026-11-30'), LIBRARY_CALENDAR).status).toBe('FRESH'); // Friday → Monday
  });

  it('art-14: without a cycle, a reading, or with an implausible date, freshness is UNKNOWN, never FRESH', () => {
    const now = at('2026-11-27');
    for (const [cycle, asOf] of [
      [undefined, '2026-11-27'],
      ['HOURLY', '2026-11-27'],
      ['DAILY', null],
      ['DAILY', '99999-01-01'],
      ['DAILY', '2026-11-28'],
      ['DAILY', '1970-01-01'],
      ['DAILY', '2026-02-30'],
      ['DAILY', '2026-11-27\u0000'],
    ] as const) {
      expect(measureFreshness(cycle, asOf, now, LIBRARY_CALENDAR).status, `${String(cycle)} ${String(asOf)}`).toBe('UNKNOWN');
    }
  });

  it('resolver-cache TTL follows the cycle under a cap; REALTIME and unknown cycles are not cached', () => {
    expect(cacheTtlForCycle('REALTIME')).toBe(0);
    expect(cacheTtlForCycle('NOT_A_CYCLE')).toBe(0);
    expect(cacheTtlForCycle('DAILY', 86_400)).toBe(3600);
    expect(cacheTtlForCycle('WEEKLY', 86_400)).toBe(25_200);
    expect(cacheTtlForCycle('YEARLY', 3600)).toBe(3600);
    expect(cacheTtlForCycle('DAILY', 60)).toBe(60);
    expect(cacheTtlForCycle('DAILY', 60)).toBeLessThanOrEqual(cacheTtlForCycle('YEARLY', 60));
  });
});
