/**
 * Working days and dates as the district counts them: calendar dates in China Standard Time, and
 * working days on the Chinese calendar (weekends and legal holidays off, adjusted working days 调休
 * on) from the maintained `chinese-days` calendar. For a year the State Council has not yet
 * published, only weekends are known; the package is updated each year.
 */
// chinese-days ships CommonJS (minified, no named exports Node can detect) and an ES build: the
// default export is the one both agree on.
import chineseDays from 'chinese-days';

const { findWorkday } = chineseDays;

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date (YYYY-MM-DD) in China Standard Time at `instant`. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The `workingDays`-th working day after `date` (the day itself not counted). */
export function addWorkingDays(date: string, workingDays: number): string {
  return findWorkday(workingDays, date);
}

/** The instant a date ends in China (the first moment of the next day), for `validUntil` dates. */
export function endOfChinaDate(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + 24 * 60 * 60 * 1000);
}

/** The calendar date `days` days after `date` (both YYYY-MM-DD). */
export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
