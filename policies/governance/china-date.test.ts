import { describe, expect, it } from 'vitest';
import { addWorkingDays, chinaDate, endOfChinaDate } from './china-date.ts';

describe('working days', () => {
  it('art-13: due date is 10 working days across the National Day holiday', () => {
    // 2025: 1–8 October off; Sunday 28 September and Saturday 11 October are working days (调休).
    expect(addWorkingDays('2025-09-26', 10)).toBe('2025-10-16');
  });

  it('art-13: due date skips weekends', () => {
    expect(addWorkingDays('2026-03-06', 10)).toBe('2026-03-20');
  });

  it('art-13: due date skips the Dragon Boat Festival', () => {
    // 19 June 2026 (Friday) is 端午节.
    expect(addWorkingDays('2026-06-05', 10)).toBe('2026-06-22');
  });

  it('when an instant is late evening UTC, then the China date is already the next day', () => {
    expect(chinaDate(new Date('2026-06-01T17:00:00Z'))).toBe('2026-06-02');
    expect(endOfChinaDate('2026-06-01').toISOString()).toBe('2026-06-01T16:00:00.000Z');
  });
});
