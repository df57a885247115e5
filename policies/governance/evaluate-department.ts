/**
 * Evaluate department
 *
 * The evaluation of one department's sharing work over a period (周政发〔2018〕6号 art. 17), and the
 * violations of art. 22 the platform can detect in it. An evaluation is only produced for a period of
 * calendar days [from, to], from not after to, at most `MAX_REPORT_DAYS` long, and only for the
 * coordination office (info-center platform-admin) or the department's own sharing administrator.
 * Everything here is pure: the store adapter gathers the rows, the rules below count them.
 */
import { cycleDays } from '../freshness.ts';
import type { RegulationProfile } from '../regulation-profile.ts';
import type { Consumer } from '../types.ts';
import { addCalendarDays } from './china-date.ts';
import { allow, deny, type Verdict } from './verdict.ts';
import { isWorkingDay, type WorkingCalendar } from './working-calendar.ts';

/** Longest period one report covers: a (leap) year. */
const MAX_REPORT_DAYS = 366;

/** The catalog elements of art. 8/10 a data item's entry must carry (names as the catalog declares them). */
export const CATALOG_ELEMENTS = [
  'abstract',
  'classification',
  'format',
  'shareType',
  'shareCondition',
  'basis',
  'shareMethod',
  'openToPublic',
  'updateCycle',
] as const;

/** Availability below which a department's subgraph is listed under art. 22(3) (data that cannot be used). */
export const MIN_AVAILABILITY = 0.99;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ReportPeriod {
  from: string;
  to: string;
  days: number;
}

/** Whether [from, to] is a period a report may cover. */
export function checkReportPeriod(from: string, to: string): Verdict<ReportPeriod> {
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)
      return deny('BAD_USER_INPUT', `${name} must be a calendar day YYYY-MM-DD`);
  }
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days < 1) return deny('BAD_USER_INPUT', 'from must not be after to');
  if (days > MAX_REPORT_DAYS) return deny('BAD_USER_INPUT', `a report covers at most ${MAX_REPORT_DAYS} days`);
  return allow({ from, to, days });
}

/** The coordination office reads every department's report; a department's sharing administrator its own. */
export function checkReportReader(actor: Consumer, department: string, known: readonly string[]): Verdict {
  const operator = actor.roles.includes('platform-admin');
  if (!operator && !(actor.roles.includes('provider-admin') && actor.dept === department))
    return deny('FORBIDDEN', "Only the coordination office or the department's own sharing administrator reads its evaluation report");
  if (!known.includes(department)) return deny('NOT_FOUND', `No department ${JSON.stringify(department.slice(0, 64))} is registered`);
  return allow(true);
}

/** Working days after `start` up to and including `end` (0 when answered the same day). */
export function workingDaysBetween(start: string, end: string, calendar: WorkingCalendar): number {
  let count = 0;
  for (let day = start; day < end;) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day, calendar)) count += 1;
  }
  return count;
}

/** Median (mean of the two middle values for an even count) and maximum, or null for none. */
export function answerTimeStats(values: readonly number[]): { median: number | null; max: number | null } {
  if (values.length === 0) return { median: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, max: sorted[sorted.length - 1]! };
}

/** The kinds of art. 22 violation the platform detects, each with the clause it falls under. */
const VIOLATION_KINDS = {
  /** art. 22(1): an element of art. 8/10 missing from a catalog entry. */
  CATALOG_INCOMPLETE: '22(1)',
  /** art. 22(1), art. 8: a change not reflected in the catalog within its working days. */
  CATALOG_NOT_UPDATED: '22(1)',
  /** art. 22(2), art. 13: an access request answered after its due date. */
  REQUEST_ANSWERED_LATE: '22(2)',
  /** art. 22(2), art. 13: an access request still unanswered after its due date. */
  REQUEST_UNANSWERED: '22(2)',
  /** art. 22(3), art. 16: a dispute answered after its due date. */
  DISPUTE_ANSWERED_LATE: '22(3)',
  /** art. 22(3), art. 16: a dispute still unanswered after its due date. */
  DISPUTE_UNANSWERED: '22(3)',
  /**
   * art. 22(3) (未及时更新数据), art. 14: a resource stale beyond the profile's thresholds in the period
   * (`isNotUpdatedInTime`).
   */
  DATA_NOT_UPDATED: '22(3)',
  /** art. 22(3): the department's subgraph failed more calls than `MIN_AVAILABILITY` allows. */
  SUBGRAPH_UNAVAILABLE: '22(3)',
  /** art. 22(4): calls by the department refused for want of a grant (attempted use beyond its grants). */
  USE_BEYOND_GRANT_ATTEMPTED: '22(4)',
} as const;

export type ViolationKind = keyof typeof VIOLATION_KINDS;

/** What art. 22 names that the platform rules out by construction, or cannot see: said in every report. */
export const NOT_DETECTED: ReadonlyArray<{ kind: string; clause: string; why: string }> = [
  {
    kind: 'REFUSAL_WITHOUT_REASON',
    clause: '13',
    why: 'impossible by construction: a refusal is not accepted without a reason (decideAccessRequest, BAD_USER_INPUT)',
  },
  {
    kind: 'USE_BEYOND_PURPOSE',
    clause: '22(4)',
    why: 'impossible through the platform: every call names its purpose and is served only within a live grant for it; attempts are listed as USE_BEYOND_GRANT_ATTEMPTED',
  },
  { kind: 'DATA_INCONSISTENT', clause: '22(3)', why: 'seen only through disputes (art. 16): the platform does not hold the department’s own records' },
  { kind: 'LEAK_OUTSIDE_PLATFORM', clause: '22(4)', why: 'outside the platform: what a consumer does with data it received is not visible here' },
];

export interface Violation {
  kind: ViolationKind;
  clause: string;
  count: number;
  /** Up to `MAX_EXAMPLES` identifiers (request ids, dispute ids, catalog coordinates, days). */
  examples: string[];
}

export const MAX_EXAMPLES = 10;

/** One violation entry per kind that occurred, with its count and first examples. */
export function violationsOf(found: Partial<Record<ViolationKind, readonly string[]>>): Violation[] {
  return (Object.keys(VIOLATION_KINDS) as ViolationKind[])
    .filter((kind) => (found[kind]?.length ?? 0) > 0)
    .map((kind) => ({ kind, clause: VIOLATION_KINDS[kind], count: found[kind]!.length, examples: found[kind]!.slice(0, MAX_EXAMPLES) }));
}

/** A resource's time STALE over a report's period (up to now), from the freshness history. */
export interface StaleTime {
  resource: string;
  /** The declared update cycle (`UNDECLARED` or null: none, never STALE). */
  updateCycle: string | null;
  /** Days STALE in the period, in all. */
  staleDays: number;
  /** The longest stretch of days STALE without a break in the period. */
  longestStaleDays: number;
  /** Days of the period counted (from its start to its end or now, whichever is first). */
  periodDays: number;
}

/**
 * Whether a resource was not updated in time in the period (周政发〔2018〕6号 art. 14: the provider
 * keeps its shared data timely per its declared cycle; art. 22(3): 未及时更新数据). STALE already means
 * past the day the next update was due, so one late day is not yet a violation: it is one when the
 * resource stayed stale without a break for longer than `staleCycles` of its cycles (the next update
 * was missed too), or was stale for more than `staleShare` of the period in all (repeatedly late) —
 * and in both cases for at least `minStaleDays` days. Thresholds: the profile's `freshness`.
 */
export function isNotUpdatedInTime(time: StaleTime, thresholds: RegulationProfile['freshness']): boolean {
  const cycle = cycleDays(time.updateCycle);
  if (cycle === undefined || time.staleDays <= 0 || time.staleDays < thresholds.minStaleDays) return false;
  return time.longestStaleDays > thresholds.staleCycles * cycle || time.staleDays > thresholds.staleShare * time.periodDays;
}

/** The example a report lists for a resource not updated in time: resource, cycle, days stale (longest stretch). */
export function notUpdatedExample(time: StaleTime): string {
  return `${time.resource} (cycle ${time.updateCycle}, stale ${time.staleDays} days, longest ${time.longestStaleDays} days without a break)`;
}

/** Working days a department is given to rectify: the default, and the bounds of an argument. */
const RECTIFICATION_WORKING_DAYS = { default: 15, min: 1, max: 60 } as const;

/** Whether the coordination office may issue this notice. */
export function checkRectificationNotice(actor: Consumer, input: { kind: string; workingDays?: number | null | undefined }): Verdict<{ workingDays: number }> {
  if (!actor.roles.includes('platform-admin')) return deny('FORBIDDEN', 'Only the coordination office issues rectification notices');
  if (!Object.hasOwn(VIOLATION_KINDS, input.kind)) return deny('BAD_USER_INPUT', `kind must be one of ${Object.keys(VIOLATION_KINDS).join(', ')}`);
  const workingDays = input.workingDays ?? RECTIFICATION_WORKING_DAYS.default;
  if (!Number.isInteger(workingDays) || workingDays < RECTIFICATION_WORKING_DAYS.min || workingDays > RECTIFICATION_WORKING_DAYS.max)
    return deny('BAD_USER_INPUT', `workingDays must be ${RECTIFICATION_WORKING_DAYS.min}–${RECTIFICATION_WORKING_DAYS.max}`);
  return allow({ workingDays });
}

/** Whether `actor` may record what its department did about a notice still open. */
export function checkRectificationRecord(actor: Consumer, notice: { department: string; status: string }): Verdict {
  if (!(actor.roles.includes('provider-admin') && actor.dept === notice.department))
    return deny('FORBIDDEN', "Only the department's own sharing administrator records its rectification");
  if (notice.status !== 'OPEN') return deny('CONFLICT', 'The rectification was already recorded');
  return allow(true);
}
