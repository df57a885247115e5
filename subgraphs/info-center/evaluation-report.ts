/**
 * The evaluation report of one department over a period (周政发〔2018〕6号 art. 17), with the
 * violations of art. 22 the platform detects in it: its catalog (elements present, changes reflected
 * in time, art. 8/10), the access requests it received and how fast it answered (art. 13), the
 * disputes about its data (art. 16), who used its items for which purposes, how available and fast
 * its subgraph was (both from the audit trail's daily roll-up, with how much of the period it covers),
 * how long each of its resources was fresh, stale or unknown (art. 14, from the freshness history; one
 * stale beyond the profile's thresholds is not updated in time, art. 22(3)), and each violation kind
 * with examples.
 */
import { sql } from 'kysely';
import { catalogReviewDue, isCatalogReviewOverdue } from '../../policies/governance/catalog-review-due.ts';
import { chinaDate, endOfChinaDate, addCalendarDays } from '../../policies/governance/china-date.ts';
import {
  answerTimeStats,
  CATALOG_ELEMENTS,
  checkReportPeriod,
  checkReportReader,
  isNotUpdatedInTime,
  MAX_EXAMPLES,
  MIN_AVAILABILITY,
  NOT_DETECTED,
  notUpdatedExample,
  violationsOf,
  workingDaysBetween,
  type ReportPeriod,
  type Violation,
  type ViolationKind,
} from '../../policies/governance/evaluate-department.ts';
import { isRunning } from '../../policies/governance/request-steps.ts';
import type { WorkingCalendar } from '../../policies/governance/working-calendar.ts';
import { providerUse, type ProviderUse, type RollUpCoverage } from './audit-rollup.ts';
import { freshnessOverPeriod, type ResourceFreshnessOverPeriod } from './freshness-history.ts';
import { assertVerdict } from './governance-errors.ts';
import type { Actor, GovernanceServices } from './governance-services.ts';
import { loadWorkingCalendar } from './working-calendar.ts';

export interface KeyCount {
  key: string;
  records: number;
}

export interface EvaluationReport {
  department: string;
  from: string;
  to: string;
  generatedAt: string;
  catalog: { items: number; complete: number; incomplete: Array<{ coordinate: string; missing: string[] }>; reviewOverdue: number; overdueItems: string[] };
  requests: { received: number; answered: number; medianAnswerWorkingDays: number | null; maxAnswerWorkingDays: number | null; overdue: number };
  disputes: { received: number; answered: number; answeredOnTime: number; overdue: number };
  usage: { records: number; byConsumer: KeyCount[]; byPurpose: KeyCount[]; byItem: KeyCount[] };
  service: { calls: number; failures: number; availability: number | null; meanLatencyMs: number | null; maxLatencyMs: number | null };
  /** How much of the period `usage` and `service` count (days still waiting for the roll-up are not counted). */
  rollUp: RollUpCoverage;
  /** Each of its resources over the period up to now (art. 14): days fresh, stale, unknown, share fresh. */
  freshness: { resources: ResourceFreshnessOverPeriod[] };
  violations: Violation[];
  notDetected: typeof NOT_DETECTED;
}

type Found = Partial<Record<ViolationKind, string[]>>;

/** The report, for the coordination office or the department's own sharing administrator. */
export async function evaluationReport(
  services: GovernanceServices,
  actor: Actor,
  input: { department: string; from: string; to: string },
): Promise<EvaluationReport> {
  const period = assertVerdict(checkReportPeriod(input.from, input.to));
  const known = (await services.db.selectFrom('departments').select('code').execute()).map((row) => row.code);
  assertVerdict(checkReportReader(actor, input.department, known));
  return buildReport(services, input.department, period);
}

/** What a report reads: the store, the clock, the regulation profile. */
export type ReportSources = Pick<GovernanceServices, 'db' | 'now' | 'profile'>;

export interface BuildReportOptions {
  /**
   * Ended days of the period not rolled up yet that the report rolls itself, at most; default
   * `INLINE_ROLLUP_DAYS` (31) for a request. The operator's command passes Infinity: it makes a
   * document, not an answer someone waits for.
   */
  inlineRollUpDays?: number;
}

/** The report without a reader's check: for the operator's own command (`npm run report`). */
export async function buildReport(
  services: ReportSources,
  department: string,
  period: ReportPeriod,
  options: BuildReportOptions = {},
): Promise<EvaluationReport> {
  const now = services.now();
  const today = chinaDate(now);
  const calendar = await loadWorkingCalendar(services.db);
  const found: Found = {};
  const catalog = await catalogSection(services, department, today, calendar, found);
  const requests = await requestSection(services, department, period, today, calendar, found);
  const disputes = await disputeSection(services, department, period, today, found);
  const use = await providerUse(services.db, department, period.from, period.to, today, now, options.inlineRollUpDays);
  const service = serviceSection(use, found);
  await refusedUse(services, department, period, found);
  return {
    department,
    from: period.from,
    to: period.to,
    generatedAt: now.toISOString(),
    catalog,
    requests,
    disputes,
    usage: usageSection(use),
    service,
    rollUp: use.coverage,
    freshness: { resources: await freshnessSection(services, department, period, now, found) },
    violations: violationsOf(found),
    notDetected: NOT_DETECTED,
  };
}

const present = (value: unknown) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

async function catalogSection(services: ReportSources, department: string, today: string, calendar: WorkingCalendar, found: Found) {
  const rows = await services.db
    .selectFrom('catalog_items')
    .selectAll()
    .where('provider', '=', department)
    .where('type_name', 'not in', ['Query', 'Mutation'])
    .orderBy('coordinate')
    .execute();
  const days = services.profile.catalog.reviewWorkingDays;
  const incomplete: Array<{ coordinate: string; missing: string[] }> = [];
  const overdueItems: string[] = [];
  for (const row of rows) {
    const element = (key: string) => (row.override && key in row.override ? row.override[key] : row.declared[key]);
    const missing = CATALOG_ELEMENTS.filter((key) => !present(element(key)));
    if (missing.length > 0) incomplete.push({ coordinate: row.coordinate, missing });
    const entry = { publishedOn: row.published_on, changedOn: row.changed_on, pendingReview: row.review_status === 'PENDING_REVIEW' };
    if (isCatalogReviewOverdue(entry, today, calendar, days)) overdueItems.push(`${row.coordinate} (due ${catalogReviewDue(entry, calendar, days)})`);
  }
  found.CATALOG_INCOMPLETE = incomplete.map((gap) => `${gap.coordinate} (missing ${gap.missing.join(', ')})`);
  found.CATALOG_NOT_UPDATED = overdueItems;
  return { items: rows.length, complete: rows.length - incomplete.length, incomplete, reviewOverdue: overdueItems.length, overdueItems };
}

/** Instants bounding the China days [from, to]. */
const instants = (period: ReportPeriod) => ({ start: endOfChinaDate(addCalendarDays(period.from, -1)), end: endOfChinaDate(period.to) });

async function requestSection(services: ReportSources, department: string, period: ReportPeriod, today: string, calendar: WorkingCalendar, found: Found) {
  const { start, end } = instants(period);
  const rows = await services.db
    .selectFrom('access_requests')
    .select(['id', 'status', 'submitted_at', 'decided_at', 'due_date'])
    .where('provider', '=', department)
    .where('submitted_at', '>=', start)
    .where('submitted_at', '<', end)
    .orderBy('submitted_at')
    .execute();
  const times: number[] = [];
  const late: string[] = [];
  const unanswered: string[] = [];
  for (const row of rows) {
    if (row.decided_at !== null) {
      const decided = chinaDate(new Date(row.decided_at));
      times.push(workingDaysBetween(chinaDate(new Date(row.submitted_at)), decided, calendar));
      if (decided > row.due_date) late.push(`${row.id} (due ${row.due_date}, answered ${decided})`);
    } else if (isRunning(row.status) && today > row.due_date) unanswered.push(`${row.id} (due ${row.due_date})`);
  }
  found.REQUEST_ANSWERED_LATE = late;
  found.REQUEST_UNANSWERED = unanswered;
  const stats = answerTimeStats(times);
  return {
    received: rows.length,
    answered: times.length,
    medianAnswerWorkingDays: stats.median,
    maxAnswerWorkingDays: stats.max,
    overdue: late.length + unanswered.length,
  };
}

async function disputeSection(services: ReportSources, department: string, period: ReportPeriod, today: string, found: Found) {
  const { start, end } = instants(period);
  const rows = await services.db
    .selectFrom('disputes')
    .select(['id', 'status', 'answered_at', 'due_date'])
    .where('provider', '=', department)
    .where('reported_at', '>=', start)
    .where('reported_at', '<', end)
    .orderBy('reported_at')
    .execute();
  const late: string[] = [];
  const unanswered: string[] = [];
  let answered = 0;
  for (const row of rows) {
    if (row.answered_at !== null) {
      answered += 1;
      const on = chinaDate(new Date(row.answered_at));
      if (on > row.due_date) late.push(`${row.id} (due ${row.due_date}, answered ${on})`);
    } else if (today > row.due_date) unanswered.push(`${row.id} (due ${row.due_date})`);
  }
  found.DISPUTE_ANSWERED_LATE = late;
  found.DISPUTE_UNANSWERED = unanswered;
  return { received: rows.length, answered, answeredOnTime: answered - late.length, overdue: unanswered.length };
}

/**
 * Its resources' freshness from the start of `from` to the end of `to` or now, whichever is first; a
 * resource stale beyond the profile's thresholds is listed as not updated in time (art. 14, 22(3)).
 */
async function freshnessSection(services: ReportSources, department: string, period: ReportPeriod, now: Date, found: Found) {
  const { start, end } = instants(period);
  const until = end < now ? end : now;
  const resources = await freshnessOverPeriod(services.db, department, start, until);
  const periodDays = Math.max(0, until.getTime() - start.getTime()) / 86_400_000;
  found.DATA_NOT_UPDATED = resources
    .map((resource) => ({ ...resource, periodDays }))
    .filter((time) => isNotUpdatedInTime(time, services.profile.freshness))
    .sort((a, b) => b.staleDays - a.staleDays || a.resource.localeCompare(b.resource))
    .map(notUpdatedExample);
  return resources;
}

function totals(rows: ProviderUse['usage'], key: (row: ProviderUse['usage'][number]) => string): KeyCount[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + row.records);
  return [...counts].map(([k, records]) => ({ key: k, records })).sort((a, b) => b.records - a.records || a.key.localeCompare(b.key));
}

function usageSection(use: ProviderUse) {
  const anyItem = use.usage.filter((row) => row.item === '*');
  return {
    records: anyItem.reduce((sum, row) => sum + row.records, 0),
    byConsumer: totals(anyItem, (row) => row.consumer),
    byPurpose: totals(anyItem, (row) => row.purpose),
    byItem: totals(
      use.usage.filter((row) => row.item !== '*'),
      (row) => row.item,
    ),
  };
}

function serviceSection(use: ProviderUse, found: Found) {
  const { calls, failures, duration_ms_sum: sum, duration_ms_max: max } = use.calls;
  const availability = calls === 0 ? null : (calls - failures) / calls;
  if (availability !== null && availability < MIN_AVAILABILITY) found.SUBGRAPH_UNAVAILABLE = [`${failures} of ${calls} calls failed`];
  return { calls, failures, availability, meanLatencyMs: calls === 0 ? null : sum / calls, maxLatencyMs: calls === 0 ? null : max };
}

/** Calls the department made that the gateway refused for want of a grant (art. 22(4), attempted). */
async function refusedUse(services: ReportSources, department: string, period: ReportPeriod, found: Found): Promise<void> {
  const { start, end } = instants(period);
  const rows = await services.db
    .selectFrom('audit_records')
    .select(['request_id', 'at', sql<number>`count(*) over ()`.as('total')])
    .where('dept', '=', department)
    .where('at', '>=', start)
    .where('at', '<', end)
    .where(sql<boolean>`outcome = 'REFUSED'`) // a literal, so the partial index audit_records_refused (0014) applies
    .orderBy('at')
    .limit(MAX_EXAMPLES)
    .execute();
  const total = Number(rows[0]?.total ?? 0);
  found.USE_BEYOND_GRANT_ATTEMPTED = [
    ...rows.map((row) => `${row.request_id} (${new Date(row.at).toISOString()})`),
    ...Array.from({ length: Math.max(0, total - rows.length) }, () => '…'),
  ];
}
