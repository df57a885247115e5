import { describe, expect, it } from 'vitest';
import { chinaDate, endOfChinaDate } from './china-date.ts';

describe('China dates', () => {
  it('when an instant is late evening UTC, then the China date is already the next day', () => {
    expect(chinaDate(new Date('2026-06-01T17:00:00Z'))).toBe('2026-06-02');
    expect(endOfChinaDate('2026-06-01').toISOString()).toBe('2026-06-01T16:00:00.000Z');
  });
});
