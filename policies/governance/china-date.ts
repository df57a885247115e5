/** Dates as the district counts them: calendar dates in China Standard Time (working days: `working-calendar.ts`). */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date (YYYY-MM-DD) in China Standard Time at `instant`. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a date ends in China (the first moment of the next day), for `validUntil` dates. */
export function endOfChinaDate(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + 24 * 60 * 60 * 1000);
}

/** The calendar date `days` days after `date` (both YYYY-MM-DD). */
export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
