/**
 * Freshness over a period (周政发〔2018〕6号 art. 14, counted for the evaluation of art. 17): how long a
 * resource was FRESH, STALE or UNKNOWN within a period, from its history of status intervals. Pure:
 * the intervals and the period come in as instants (milliseconds). An interval is clipped to the
 * period; an open interval (no end) lasts until the period's end; time no interval covers (before the
 * platform first measured the resource, or while it was not watching) is UNKNOWN — never fresh.
 */
import type { FreshnessStatus } from './freshness.ts';

export interface StatusInterval {
  status: FreshnessStatus;
  /** First instant of the interval (ms since the epoch). */
  from: number;
  /** First instant after it; null while it is still the current status. */
  to: number | null;
}

export interface StatusTime {
  /** Length of the period counted (ms). */
  periodMs: number;
  freshMs: number;
  staleMs: number;
  /** UNKNOWN intervals and time no interval covers. */
  unknownMs: number;
  /** freshMs / periodMs; null for an empty period. */
  freshShare: number | null;
}

/**
 * How long each status held within [periodStart, periodEnd). Intervals may come in any order; where
 * two overlap (they should not), the one that started later counts for the overlap, so no instant is
 * counted twice and the three totals always add up to the period.
 */
export function countStatusTime(intervals: readonly StatusInterval[], periodStart: number, periodEnd: number): StatusTime {
  const periodMs = Math.max(0, periodEnd - periodStart);
  const totals = { FRESH: 0, STALE: 0, UNKNOWN: 0 };
  const sorted = [...intervals].sort((a, b) => a.from - b.from);
  sorted.forEach((interval, i) => {
    const next = sorted[i + 1];
    const end = Math.min(interval.to ?? periodEnd, next ? next.from : Infinity, periodEnd);
    const start = Math.max(interval.from, periodStart);
    if (end > start) totals[interval.status] += end - start;
  });
  const covered = totals.FRESH + totals.STALE + totals.UNKNOWN;
  return {
    periodMs,
    freshMs: totals.FRESH,
    staleMs: totals.STALE,
    unknownMs: totals.UNKNOWN + (periodMs - covered),
    freshShare: periodMs === 0 ? null : totals.FRESH / periodMs,
  };
}

/**
 * The longest stretch of time within [periodStart, periodEnd) the status held without a break
 * (adjoining intervals of the same status join; any other status, or uncovered time, breaks it).
 * Overlaps are resolved as in `countStatusTime`, so the stretch never exceeds the status's total.
 */
export function longestStatusRun(intervals: readonly StatusInterval[], status: FreshnessStatus, periodStart: number, periodEnd: number): number {
  const sorted = [...intervals].sort((a, b) => a.from - b.from);
  let longest = 0;
  let run: { start: number; end: number } | undefined;
  sorted.forEach((interval, i) => {
    const next = sorted[i + 1];
    const end = Math.min(interval.to ?? periodEnd, next ? next.from : Infinity, periodEnd);
    const start = Math.max(interval.from, periodStart);
    if (end <= start) return;
    if (interval.status !== status) run = undefined;
    else if (run && run.end === start) run.end = end;
    else run = { start, end };
    if (run) longest = Math.max(longest, run.end - run.start);
  });
  return longest;
}
