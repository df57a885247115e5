/**
 * Freshness of a shared resource (周政发〔2018〕6号 art. 14: providers keep shared data current per
 * the update cycle they declared). Pure: given the declared cycle, the day the provider's data are
 * as of, today and the working calendar, whether the data are FRESH, STALE (and by how many days)
 * or UNKNOWN (no cycle, no reading, or a reading that cannot be trusted). Never fresh on a guess.
 */
import { addCalendarDays, chinaDate } from './governance/china-date.ts';
import { addWorkingDays, type WorkingCalendar } from './governance/working-calendar.ts';

/** The update cycles a provider may declare on a resource (`@share(updateCycle: ...)`). WORKDAY counts working days. */
export const UPDATE_CYCLES = ['REALTIME', 'WORKDAY', 'DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY'] as const;
export type UpdateCycle = (typeof UPDATE_CYCLES)[number];

export function isUpdateCycle(value: unknown): value is UpdateCycle {
  return typeof value === 'string' && (UPDATE_CYCLES as readonly string[]).includes(value);
}

export type FreshnessStatus = 'FRESH' | 'STALE' | 'UNKNOWN';

export interface Freshness {
  status: FreshnessStatus;
  /** The last day the next update was due (China date); absent when UNKNOWN. */
  dueOn?: string;
  /** Calendar days past `dueOn` (STALE only). */
  daysLate?: number;
  /** Why the freshness is UNKNOWN. */
  reason?: string;
}

/** Earliest and latest data-as-of dates a reading may carry; anything else is not trusted. */
const DATA_AS_OF_BOUNDS = { first: '2000-01-01' } as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string): boolean {
  return DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}

/** The last day the next update is due after data as of `dataAsOf` under `cycle`. */
export function nextUpdateDue(cycle: UpdateCycle, dataAsOf: string, calendar: WorkingCalendar): string {
  switch (cycle) {
    case 'REALTIME':
      return dataAsOf;
    case 'WORKDAY':
      return addWorkingDays(dataAsOf, 1, calendar);
    case 'DAILY':
      return addCalendarDays(dataAsOf, 1);
    case 'WEEKLY':
      return addCalendarDays(dataAsOf, 7);
    case 'MONTHLY':
      return addMonths(dataAsOf, 1);
    case 'QUARTERLY':
      return addMonths(dataAsOf, 3);
    case 'YEARLY':
      return addMonths(dataAsOf, 12);
  }
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * FRESH while today (China date) is not after the day the next update was due; STALE after it, with
 * the days late; UNKNOWN without a declared cycle, without a reading, or with a data-as-of date that
 * is not a date, before 2000 or after today (a provider cannot hold data from the future).
 */
export function measureFreshness(cycle: unknown, dataAsOf: string | null | undefined, now: Date, calendar: WorkingCalendar): Freshness {
  if (!isUpdateCycle(cycle)) return { status: 'UNKNOWN', reason: 'no declared update cycle' };
  if (dataAsOf === null || dataAsOf === undefined) return { status: 'UNKNOWN', reason: 'no reading from the provider' };
  const today = chinaDate(now);
  if (!isCalendarDate(dataAsOf) || dataAsOf < DATA_AS_OF_BOUNDS.first || dataAsOf > today) {
    return { status: 'UNKNOWN', reason: 'the provider reported a data-as-of date that is not a plausible date' };
  }
  const dueOn = nextUpdateDue(cycle, dataAsOf, calendar);
  if (today <= dueOn) return { status: 'FRESH', dueOn };
  return { status: 'STALE', dueOn, daysLate: daysBetween(dueOn, today) };
}

/** Seconds in one cycle, for the resolver cache (REALTIME: 0, never cached). */
const CYCLE_SECONDS: Record<UpdateCycle, number> = {
  REALTIME: 0,
  WORKDAY: 86_400,
  DAILY: 86_400,
  WEEKLY: 7 * 86_400,
  MONTHLY: 30 * 86_400,
  QUARTERLY: 91 * 86_400,
  YEARLY: 365 * 86_400,
};

/**
 * Calendar days one update cycle spans, for judging how long data stayed stale (art. 22(3)): a month
 * 30, a quarter 91, a year 365; REALTIME, WORKDAY and DAILY one day (REALTIME data stale a whole day
 * have missed every update of it). Undefined for an undeclared cycle.
 */
export function cycleDays(cycle: unknown): number | undefined {
  if (!isUpdateCycle(cycle)) return undefined;
  return Math.max(1, CYCLE_SECONDS[cycle] / 86_400);
}

/** Longest a resolver answer is cached whatever the cycle (`RESOLVER_CACHE_MAX_TTL_SECONDS`). */
export const DEFAULT_CACHE_TTL_CAP_SECONDS = 3600;

/**
 * The resolver-cache TTL of a field whose resource has `cycle`: a 24th of the cycle (an hour for a
 * daily resource), never more than `capSeconds`; 0 (not cached) for REALTIME or an unknown cycle.
 */
export function cacheTtlForCycle(cycle: unknown, capSeconds: number = DEFAULT_CACHE_TTL_CAP_SECONDS): number {
  if (!isUpdateCycle(cycle)) return 0;
  return Math.max(0, Math.min(Math.floor(CYCLE_SECONDS[cycle] / 24), Math.floor(capSeconds)));
}
