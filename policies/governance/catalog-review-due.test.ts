import { describe, expect, it } from 'vitest';
import { catalogReviewDue, isCatalogReviewOverdue } from './catalog-review-due.ts';
import { PROVINCIAL, ZHOUCUN } from './harness.ts';
import { LIBRARY_CALENDAR } from './working-calendar.ts';

describe('art-8: catalog entries follow a change within 15 working days', () => {
  const DAYS = ZHOUCUN.catalog.reviewWorkingDays;
  const pending = { publishedOn: '2026-09-21', changedOn: null, pendingReview: true };

  it('art-8: when a new item waits for review, then the review is due 15 working days after it was published, across National Day', () => {
    // 21 September 2026 (Monday); 25 September and 1–7 October off, Saturday 10 October worked (调休).
    expect(catalogReviewDue(pending, LIBRARY_CALENDAR, DAYS)).toBe('2026-10-19');
    expect(isCatalogReviewOverdue(pending, '2026-10-19', LIBRARY_CALENDAR, DAYS)).toBe(false);
    expect(isCatalogReviewOverdue(pending, '2026-10-20', LIBRARY_CALENDAR, DAYS)).toBe(true);
  });

  it('art-8: when the declaration changed later, then the 15 working days count from the change', () => {
    expect(catalogReviewDue({ ...pending, changedOn: '2026-11-02' }, LIBRARY_CALENDAR, DAYS)).toBe('2026-11-23');
  });

  it('art-8: when a profile is read, then the catalog follows a change within 15 working days in both shipped profiles', () => {
    expect([ZHOUCUN.catalog.reviewWorkingDays, PROVINCIAL.catalog.reviewWorkingDays]).toEqual([15, 15]);
  });

  it('when the item was reviewed, then nothing is due and it is never overdue', () => {
    const reviewed = { ...pending, pendingReview: false };
    expect(catalogReviewDue(reviewed, LIBRARY_CALENDAR, DAYS)).toBeNull();
    expect(isCatalogReviewOverdue(reviewed, '2030-01-01', LIBRARY_CALENDAR, DAYS)).toBe(false);
  });
});
