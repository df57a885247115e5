import { describe, expect, it } from 'vitest';
import { maskDateToMonth } from './mask-date-to-month.ts';

describe('date-to-month mask', () => {
  it("art-23: when a date is masked to the month, then it is that month's first day, still a valid date", () => {
    expect(maskDateToMonth('1985-03-12')).toBe('1985-03-01');
  });

  it('when the value is not an ISO date, then it is withheld', () => {
    expect(maskDateToMonth('1985年3月12日')).toBeNull();
    expect(maskDateToMonth(null)).toBeNull();
  });
});
