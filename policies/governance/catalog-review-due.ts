/**
 * Catalog review due
 *
 * A data item that a publication brought into the district catalog waits for the operator's review
 * (art. 9). The catalog must follow a department's change within 15 working days (art. 8), so the
 * review is due 15 working days after the item was published or its declaration last changed, and a
 * review still pending after that day is overdue: the catalog entry lags.
 */
import { isOverdue } from './is-overdue.ts';
import { addWorkingDays, type WorkingCalendar } from './working-calendar.ts';

/** Working days within which the catalog follows a department's change (art. 8). */
export const CATALOG_UPDATE_WORKING_DAYS = 15;

export interface CatalogEntryDates {
  /** YYYY-MM-DD: the day the item entered the catalog. */
  publishedOn: string;
  /** YYYY-MM-DD: the day its declaration last changed, if it did. */
  changedOn: string | null;
  pendingReview: boolean;
}

/** The last day the pending review is due, or null when nothing waits for review. */
export function catalogReviewDue(entry: CatalogEntryDates, calendar: WorkingCalendar): string | null {
  return entry.pendingReview ? addWorkingDays(entry.changedOn ?? entry.publishedOn, CATALOG_UPDATE_WORKING_DAYS, calendar) : null;
}

export function isCatalogReviewOverdue(entry: CatalogEntryDates, today: string, calendar: WorkingCalendar): boolean {
  const due = catalogReviewDue(entry, calendar);
  return due !== null && isOverdue({ dueDate: due, awaitingAnswer: true }, today);
}
