/**
 * When the daily roll-up of the audit trail runs and how much of it a report may do itself
 * (周政发〔2018〕6号 art. 17: the evaluation reads a year of use without reading a year of records).
 * The roll-up runs ahead of reports — at start and every night after midnight China time — so a
 * report finds its days rolled; a report that still finds days missing rolls at most
 * `INLINE_ROLLUP_DAYS` of them (the oldest first) and says what it could not count.
 */
import { addCalendarDays, chinaDate, endOfChinaDate } from './china-date.ts';

/** Days a report request rolls itself at most; the rest it leaves to the roll-up ahead and reports as pending. */
export const INLINE_ROLLUP_DAYS = 31;

/** Days back from yesterday the roll-up ahead keeps rolled: two years, so last year's report is complete all this year. */
export const ROLL_AHEAD_DAYS = 731;

/** Days one roll-up transaction claims at most, so another instance can take the next batch meanwhile. */
export const ROLLUP_BATCH_DAYS = 31;

/**
 * Ended days (up to yesterday) the nightly run checks for records that arrived after their day was
 * rolled (a spool replayed once the store came back); the run at start checks the whole window, as a
 * start is when a crashed gateway's spool is replayed.
 */
export const ROLLUP_RECHECK_DAYS = 31;

/** The days of the roll-up window [first, last] the run checks again: the last `recheckDays` of it. */
export function recheckWindow(window: { first: string; last: string }, recheckDays: number): { first: string; last: string } | null {
  if (recheckDays < 1) return null;
  const from = addCalendarDays(window.last, -(Math.floor(recheckDays) - 1));
  return { first: from > window.first ? from : window.first, last: window.last };
}

/** Minutes after midnight (China time) the nightly roll-up runs: yesterday's last records are in by then. */
const NIGHTLY_ROLLUP_MINUTE = 5;

/** The next nightly roll-up after `now`: 00:05 China time of the next day that has not reached it. */
export function nextNightlyRollUp(now: Date): Date {
  const today = chinaDate(now);
  const todays = new Date(endOfChinaDate(addCalendarDays(today, -1)).getTime() + NIGHTLY_ROLLUP_MINUTE * 60_000);
  return todays.getTime() > now.getTime() ? todays : new Date(endOfChinaDate(today).getTime() + NIGHTLY_ROLLUP_MINUTE * 60_000);
}

/**
 * The ended days the roll-up ahead keeps rolled at `now`: [first, last] (China dates), newest first
 * when rolled. Bounded by the data: a day before the day of the earliest audit record (`firstRecordDay`)
 * cannot hold a record, so the window starts at the later of two years back and that day; with no
 * record at all (a fresh store) there is nothing to roll (null), and none when the first record is today's.
 */
export function rollAheadWindow(now: Date, firstRecordDay: string | null): { first: string; last: string } | null {
  if (firstRecordDay === null) return null;
  const last = addCalendarDays(chinaDate(now), -1);
  const twoYears = addCalendarDays(last, -(ROLL_AHEAD_DAYS - 1));
  const first = firstRecordDay > twoYears ? firstRecordDay : twoYears;
  return first <= last ? { first, last } : null;
}

/**
 * The first day of a report's period [from, …] that may be waiting for the roll-up: days before the
 * earliest audit record's day hold no record, so they are never pending (a period before the platform
 * existed is complete, not incomplete forever); null when there is no record at all. A record that
 * arrives later with an earlier time (a replayed spool) moves the first day back, and the days it
 * opens are pending again until rolled.
 */
export function firstCountableDay(from: string, firstRecordDay: string | null): string | null {
  if (firstRecordDay === null) return null;
  return firstRecordDay > from ? firstRecordDay : from;
}

export interface InlineRollUp {
  /** Days the request rolls itself (the oldest pending ones, at most `bound`). */
  roll: string[];
  /** Days it leaves pending. */
  left: string[];
}

/** Which of a report's pending days (sorted) it rolls itself: the oldest `bound`, so what it counts is a prefix of the period. */
export function planInlineRollUp(pending: readonly string[], bound: number = INLINE_ROLLUP_DAYS): InlineRollUp {
  const sorted = [...pending].sort();
  const take = Math.max(0, Math.floor(bound));
  return { roll: sorted.slice(0, take), left: sorted.slice(take) };
}

/**
 * The last day of the period [from, to] through which the report counted every record: `to` when no
 * day is pending, else the day before the first pending one (null when that is `from` itself).
 */
export function rolledUpTo(from: string, to: string, pending: readonly string[]): string | null {
  const first = [...pending].sort()[0];
  if (first === undefined) return to;
  return first <= from ? null : addCalendarDays(first, -1);
}
