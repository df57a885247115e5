/**
 * Catalog review due
 *
 * A data item that a publication brought into the district catalog waits for the operator's review
 * (art. 9). The catalog must follow a department's change within 15 working days (art. 8; the
 * regulation profile's `catalog.reviewWorkingDays`), so the review is due that many working days
 * after the item was published or its declaration last changed, and a review still pending after that
 * day is overdue: the catalog entry lags.
 */
import { isOverdue } from './is-overdue.ts';
import { addWorkingDays, type WorkingCalendar } from './working-calendar.ts';

export interface CatalogEntryDates {
  /** YYYY-MM-DD: the day the item entered the catalog. */
  publishedOn: string;
  /** YYYY-MM-DD: the day its declaration last changed, if it did. */
  changedOn: string | null;
  pendingReview: boolean;
}

/** The day the review's deadline is counted from: the publication, or the last change. */
export function catalogReviewStart(entry: CatalogEntryDates): string {
  return entry.changedOn ?? entry.publishedOn;
}

/** The last day the pending review is due, `workingDays` after its start, or null when nothing waits for review. */
export function catalogReviewDue(entry: CatalogEntryDates, calendar: WorkingCalendar, workingDays: number): string | null {
  return entry.pendingReview ? addWorkingDays(catalogReviewStart(entry), workingDays, calendar) : null;
}

export function isCatalogReviewOverdue(entry: CatalogEntryDates, today: string, calendar: WorkingCalendar, workingDays: number): boolean {
  const due = catalogReviewDue(entry, calendar, workingDays);
  return due !== null && isOverdue({ dueDate: due, awaitingAnswer: true }, today);
}
