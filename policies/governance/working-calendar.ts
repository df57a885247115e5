/**
 * Working calendar
 *
 * Deadlines are counted in working days (art. 13: the provider answers within 10; art. 16: disputes
 * are checked quickly): weekends and legal holidays off, adjusted working days (调休) on. A year's
 * schedule is the State Council's notice as the coordination office entered it; failing that, the
 * maintained `chinese-days` calendar; failing both (a year not yet published, or a library release
 * older than the notice), only weekends are known, and every deadline that falls in or crosses such
 * a year is provisional, so whoever reads it knows it may move once the schedule is entered.
 */
// chinese-days ships CommonJS (minified, no named exports Node can detect) and an ES build: the
// default export is the one both agree on.
import chineseDays from 'chinese-days';
import { addCalendarDays } from './china-date.ts';

const { getHolidaysInRange, isWorkday } = chineseDays;

/** A year's schedule as the State Council publishes it: days off, and weekend days worked instead (调休). */
export interface YearSchedule {
  /** YYYY-MM-DD days off (a weekend day among them changes nothing). */
  holidays: readonly string[];
  /** YYYY-MM-DD weekend days that are working days. */
  workdays: readonly string[];
}

/** Where a year's working days come from. */
export type CalendarSource = 'ENTERED' | 'LIBRARY' | 'WEEKENDS_ONLY';

/** The schedules the coordination office entered, by year; everything else comes from the library. */
export interface WorkingCalendar {
  entered: ReadonlyMap<number, YearSchedule>;
}

export const LIBRARY_CALENDAR: WorkingCalendar = { entered: new Map() };

const libraryYears = new Map<number, boolean>();

/** Whether the installed chinese-days release holds `year`'s legal holidays. */
function libraryKnows(year: number): boolean {
  let known = libraryYears.get(year);
  if (known === undefined) libraryYears.set(year, (known = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0));
  return known;
}

export function calendarSource(year: number, calendar: WorkingCalendar): CalendarSource {
  if (calendar.entered.has(year)) return 'ENTERED';
  return libraryKnows(year) ? 'LIBRARY' : 'WEEKENDS_ONLY';
}

export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  const schedule = calendar.entered.get(Number(date.slice(0, 4)));
  if (!schedule) return isWorkday(date);
  if (schedule.workdays.includes(date)) return true;
  return !schedule.holidays.includes(date) && !isWeekend(date);
}

/** The `workingDays`-th working day after `date` (the day itself not counted). */
export function addWorkingDays(date: string, workingDays: number, calendar: WorkingCalendar): string {
  let day = date;
  for (let left = workingDays; left > 0;) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day, calendar)) left -= 1;
  }
  return day;
}

/** Whether a deadline counted from `from` to `dueDate` crossed a year whose holidays are unknown. */
export function isProvisional(from: string, dueDate: string, calendar: WorkingCalendar): boolean {
  for (let year = Number(from.slice(0, 4)); year <= Number(dueDate.slice(0, 4)); year += 1) {
    if (calendarSource(year, calendar) === 'WEEKENDS_ONLY') return true;
  }
  return false;
}

/** A year's schedule as the calendar counts it: its days off on weekdays and its weekend working days. */
export function scheduleOf(year: number, calendar: WorkingCalendar): YearSchedule {
  const holidays: string[] = [];
  const workdays: string[] = [];
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addCalendarDays(day, 1)) {
    const working = isWorkingDay(day, calendar);
    if (isWeekend(day) && working) workdays.push(day);
    if (!isWeekend(day) && !working) holidays.push(day);
  }
  return { holidays, workdays };
}
