/**
 * Check calendar entry
 *
 * A year's working calendar is only entered by the coordination office's operator (platform-admin),
 * with a reason, as the State Council's notice publishes it: dates of that year only, no date both
 * off and worked, and worked days (调休) only on weekends — a weekday is worked anyway. Entering a
 * year again replaces its schedule (a corrected notice); the change is recorded like every other.
 * Serves art. 13 and 16: deadlines in working days stay right in years the holiday library does not
 * know yet.
 */
import type { Consumer } from '../types.ts';
import { isWeekend, type YearSchedule } from './working-calendar.ts';
import { allow, deny, type Verdict } from './verdict.ts';

/** Years a schedule may be entered for. */
const CALENDAR_YEARS = { first: 2000, last: 2100 } as const;
/** More days off than any year's notice has ever listed (2025: 28 with the weekends inside). */
export const MAX_HOLIDAYS = 60;
/** More weekend working days than any year's notice has ever listed. */
const MAX_WORKDAYS = 20;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(date: string): boolean {
  return DATE.test(date) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
}

/** A year the calendar is kept for (asked for or entered). */
export function checkCalendarYear(year: number): Verdict<number> {
  if (!Number.isInteger(year) || year < CALENDAR_YEARS.first || year > CALENDAR_YEARS.last)
    return deny('BAD_USER_INPUT', `year must be between ${CALENDAR_YEARS.first} and ${CALENDAR_YEARS.last}`);
  return allow(year);
}

export function checkCalendarEntry(actor: Consumer, year: number, schedule: YearSchedule, reason: string): Verdict<YearSchedule> {
  if (!actor.roles.includes('platform-admin')) return deny('FORBIDDEN', "Only the coordination office's operator (platform-admin) enters the working calendar");
  const badYear = checkCalendarYear(year);
  if (!badYear.ok) return badYear;
  if (schedule.holidays.length > MAX_HOLIDAYS) return deny('BAD_USER_INPUT', `holidays: at most ${MAX_HOLIDAYS} days`);
  if (schedule.workdays.length > MAX_WORKDAYS) return deny('BAD_USER_INPUT', `workdays: at most ${MAX_WORKDAYS} days`);
  const outside = [...schedule.holidays, ...schedule.workdays].filter((date) => !isCalendarDate(date) || !date.startsWith(`${year}-`));
  if (outside.length > 0) return deny('BAD_USER_INPUT', `Not a date of ${year} (YYYY-MM-DD): ${outside.slice(0, 5).join(', ')}`);
  const both = schedule.workdays.filter((date) => schedule.holidays.includes(date));
  if (both.length > 0) return deny('BAD_USER_INPUT', `A day cannot be both off and worked: ${both.join(', ')}`);
  const weekdays = schedule.workdays.filter((date) => !isWeekend(date));
  if (weekdays.length > 0) return deny('BAD_USER_INPUT', `Worked days (调休) are weekend days; these are weekdays: ${weekdays.join(', ')}`);
  if (!reason.trim()) return deny('BAD_USER_INPUT', 'Give the reason, e.g. the notice it follows (国办发明电〔…〕…号)');
  return allow({ holidays: [...new Set(schedule.holidays)].sort(), workdays: [...new Set(schedule.workdays)].sort() });
}
