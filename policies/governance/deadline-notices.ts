/**
 * Deadline notices
 *
 * A deadline is announced before it passes and once it has: an access request still pending is due
 * soon from two working days before its due date (art. 13: 10 working days to answer) and overdue the
 * day after it; a dispute still open is overdue the day after its due date (art. 16); a grant is
 * expiring from 10 days before the end of its validity, so the consumer can apply again in time.
 * Each is announced at most once per subject (the scheduler keys them). An overdue request escalates
 * by itself (to the profile's first escalation step) only where the platform is configured so, and
 * only while it is still pending and overdue.
 */
import { addCalendarDays } from './china-date.ts';
import { isOverdue } from './is-overdue.ts';
import type { RegulationProfile } from '../regulation-profile.ts';
import type { RequestState } from './request-state.ts';
import { escalationStart, type RequestStep } from './request-steps.ts';
import { allow, deny, type Verdict } from './verdict.ts';
import { addWorkingDays, type WorkingCalendar } from './working-calendar.ts';

/** Working days before its due date from which a pending request is due soon. */
const DUE_SOON_WORKING_DAYS = 2;
/** Days before its end from which a grant is expiring. */
const GRANT_EXPIRING_DAYS = 10;

/** The latest due date that is due soon today: requests due from today up to this day are announced. */
export function dueSoonUntil(today: string, calendar: WorkingCalendar): string {
  return addWorkingDays(today, DUE_SOON_WORKING_DAYS, calendar);
}

export function isDueSoon(dueDate: string, today: string, calendar: WorkingCalendar): boolean {
  return dueDate >= today && dueDate <= dueSoonUntil(today, calendar);
}

/** The last China date of validity that is expiring today (grants ending on or before it). */
export function expiringUntil(today: string): string {
  return addCalendarDays(today, GRANT_EXPIRING_DAYS);
}

/**
 * Whether the platform may escalate `request` itself: still pending and past its due date. It goes
 * where the requester's escalation would take it: the profile's first escalation step (negotiation,
 * or the coordination office).
 */
export function checkAutoEscalation(request: RequestState, today: string, profile: RegulationProfile): Verdict<RequestStep> {
  if (request.status !== 'PENDING') return deny('CONFLICT', `Only a pending request escalates by itself; this one is ${request.status.toLowerCase()}`);
  if (!isOverdue({ dueDate: request.dueDate, awaitingAnswer: true }, today)) return deny('CONFLICT', `The answer is due by ${request.dueDate}`);
  return allow(escalationStart(profile));
}
