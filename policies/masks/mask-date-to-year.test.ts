import { describe, expect, it } from 'vitest';
import { maskDateToYear } from './mask-date-to-year.ts';

describe('date-to-year mask', () => {
  it("art-23: when a date is masked to the year, then it is that year's first day, still a valid date", () => {
    expect(maskDateToYear('1985-03-12')).toBe('1985-01-01');
    expect(maskDateToYear('2026-11-27T08:00:00Z')).toBe('2026-01-01');
  });

  it('when the value is not an ISO date, then it is withheld', () => {
    expect(maskDateToYear('12/03/1985')).toBeNull();
    expect(maskDateToYear(1985)).toBeNull();
  });
});
