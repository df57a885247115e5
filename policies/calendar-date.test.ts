import { describe, expect, it } from 'vitest';
import { describeInvalidDate } from './calendar-date.ts';

describe('calendar dates', () => {
  it('when a date exists on the calendar, then it is accepted; a day that does not exist is named', () => {
    expect(describeInvalidDate('2028-02-29')).toBeUndefined();
    expect(describeInvalidDate('2026-02-29')).toBe('"2026-02-29" is not a date on the calendar');
    expect(describeInvalidDate('2026-13-01')).toBe('"2026-13-01" is not a date on the calendar');
  });

  it('when a value is not shaped YYYY-MM-DD, then the message shows it, even nested too deep to print', () => {
    expect(describeInvalidDate('2026-6-1')).toBe('"2026-6-1" is not a date: expected YYYY-MM-DD');
    expect(describeInvalidDate(20260601)).toBe('20260601 is not a date: expected YYYY-MM-DD');
    let deep: unknown[] = [];
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(describeInvalidDate(deep)).toBe('a deeply nested list is not a date: expected YYYY-MM-DD');
  });
});
