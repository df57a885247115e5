import { addCalendarDays, chinaDate } from '../../policies/governance/china-date.ts';
import type { ResourceDataAsOf } from './department.ts';

/**
 * The day the synthetic registers describe. Ages, retirement and certificate validity are computed
 * against it rather than the clock, so the demo data are the same on every start, in every year.
 */
export const DATA_AS_OF = '2026-06-30';

/** Full years between a `YYYY-MM-DD` birth date and {@link DATA_AS_OF}. */
export function ageAt(birthDate: string, asOf: string = DATA_AS_OF): number {
  const years = Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return asOf.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * Demo freshness: each resource as of a number of days before today (China date), so the demo shows
 * fresh resources and, on purpose, stale ones whatever day it runs (周政发〔2018〕6号 art. 14).
 */
export function demoFreshness(daysBehind: Readonly<Record<string, number>>, now: Date): ResourceDataAsOf[] {
  return Object.entries(daysBehind).map(([resource, days]) => ({ resource, dataAsOf: addCalendarDays(chinaDate(now), -days) }));
}
