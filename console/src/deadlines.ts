/**
 * Deadlines as the platform counts them: the working days of the regulation profile in force
 * (`regulationProfile`) over the working calendar the coordination office entered (`workingCalendar`,
 * each year with its source). The console repeats no number of days and no holiday: a year the API
 * reports as WEEKENDS_ONLY makes a deadline crossing it provisional (暂定), as the server flags it.
 */
import { graphql } from './gql/index.ts';
import type { RegulationProfileQuery, WorkingCalendarQuery } from './gql/graphql.ts';
import { addCalendarDays } from '../../policies/governance/china-date.ts';

export const REGULATION_PROFILE_QUERY = graphql(`
  query RegulationProfile {
    regulationProfile {
      name
      title
      complianceCheckWorkingDays
      providerAnswerWorkingDays
      negotiationWorkingDays
      escalation
      disputeAnswerWorkingDays
      catalogReviewWorkingDays
      grantDefaultValidityDays
      grantMaxValidityDays
    }
  }
`);

export const WORKING_CALENDAR_QUERY = graphql(`
  query WorkingCalendar($year: Int!) {
    workingCalendar(year: $year) {
      year
      source
      holidays
      workdays
    }
  }
`);

export type Profile = RegulationProfileQuery['regulationProfile'];
export type CalendarYear = WorkingCalendarQuery['workingCalendar'];

/** The years the API answered, by year. */
export type ApiCalendar = ReadonlyMap<number, CalendarYear>;

/** A deadline: its last day and whether a year it crosses has no known schedule yet. */
export interface Deadline {
  dueDate: string;
  provisional: boolean;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

// Not imported from policies/governance/working-calendar.ts: that module loads the holiday library,
// which the console must not consult (the office's calendar is the API's).
function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** A day the calendar counts: the year's schedule as the API reported it; a year it did not report counts weekends only. */
export function isWorkingDay(date: string, calendar: ApiCalendar): boolean {
  const year = calendar.get(yearOf(date));
  if (year?.workdays.includes(date)) return true;
  return !year?.holidays.includes(date) && !isWeekend(date);
}

/** Whether a year between two dates has no schedule: the API says WEEKENDS_ONLY, or did not answer for it. */
export function crossesUnknownYear(from: string, to: string, calendar: ApiCalendar): boolean {
  for (let year = yearOf(from); year <= yearOf(to); year += 1) {
    if ((calendar.get(year)?.source ?? 'WEEKENDS_ONLY') === 'WEEKENDS_ONLY') return true;
  }
  return false;
}

/** The `workingDays`-th working day after `from` (the day itself not counted), as the server counts a step's deadline. */
export function deadlineAfter(from: string, workingDays: number, calendar: ApiCalendar): Deadline {
  let day = from;
  for (let left = workingDays; left > 0;) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day, calendar)) left -= 1;
  }
  return { dueDate: day, provisional: crossesUnknownYear(from, day, calendar) };
}

/** Working days from `today` to `dueDate`: positive while time is left, negative once it is past. */
export function workingDaysLeft(today: string, dueDate: string, calendar: ApiCalendar): number {
  const [from, to, sign] = dueDate < today ? [dueDate, today, -1] : [today, dueDate, 1];
  let count = 0;
  for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) {
    if (isWorkingDay(day, calendar)) count += 1;
  }
  // Overdue counts the working days after the due date up to today: the due date itself was still in time.
  return sign * count;
}

/** The years a console needs to count from `from`: that year and the next (the longest profile deadline, 60 working days, ends within it). */
export function yearsFrom(from: string, until?: string): number[] {
  const first = Math.min(yearOf(from), until ? yearOf(until) : yearOf(from));
  const last = Math.max(yearOf(from), until ? yearOf(until) : yearOf(from)) + 1;
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

/**
 * Where a new request goes first under the profile, and when that step is due: the operator's
 * compliance check when the profile has one; for items not shared (NONE), the negotiation or, without
 * one, the coordination office (no deadline); otherwise the provider's answer.
 */
export function firstStepDeadline(
  profile: Profile,
  holdsNotShared: boolean,
  today: string,
  calendar: ApiCalendar,
): { step: 'COMPLIANCE_CHECK' | 'PENDING' | 'NEGOTIATING' | 'ESCALATED'; workingDays: number | null; deadline: Deadline | undefined } {
  const step = (status: 'COMPLIANCE_CHECK' | 'PENDING' | 'NEGOTIATING' | 'ESCALATED', workingDays: number | null) => ({
    step: status,
    workingDays,
    deadline: workingDays === null ? undefined : deadlineAfter(today, workingDays, calendar),
  });
  if (profile.complianceCheckWorkingDays !== null && profile.complianceCheckWorkingDays !== undefined)
    return step('COMPLIANCE_CHECK', profile.complianceCheckWorkingDays);
  if (holdsNotShared) return profile.negotiationWorkingDays ? step('NEGOTIATING', profile.negotiationWorkingDays) : step('ESCALATED', null);
  return step('PENDING', profile.providerAnswerWorkingDays);
}
