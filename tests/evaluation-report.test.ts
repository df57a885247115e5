/**
 * The evaluation report (周政发〔2018〕6号 art. 17) and rectification notices (art. 22), on PGlite and
 * on real PostgreSQL: a report over seeded requests, disputes, catalog entries and audit records whose
 * answers are worked out by hand here from the fixture; the violations it detects with examples; a
 * notice issued, recorded, and one left overdue; who may read and issue; the bounds of every argument;
 * the roll-up ahead run by two instances at once, and the bound on what a report rolls itself; the
 * freshness history counted over a period; and the XLSX workbook and printable page made by the real
 * `npm run report` command.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGovernanceArguments } from '../policies/governance/check-governance-arguments.ts';
import { testCatalog } from '../policies/test-fixtures.ts';
import type { Consumer } from '../policies/types.ts';
import { DEFAULT_REGULATION_PROFILE, requireShippedProfile } from '../policies/regulation-profiles.ts';
import { openStore } from '../platform/store/database.ts';
import { rollUpAhead, rollUpAuditDays } from '../subgraphs/info-center/audit-rollup.ts';
import { buildReport } from '../subgraphs/info-center/evaluation-report.ts';
import { NOT_WATCHED, recordFreshnessIntervals } from '../subgraphs/info-center/freshness-history.ts';
import { syncCatalog } from '../subgraphs/info-center/catalog.ts';
import { seedDepartments } from '../subgraphs/info-center/departments.ts';
import { evaluationReport, type EvaluationReport } from '../subgraphs/info-center/evaluation-report.ts';
import type { GovernanceServices } from '../subgraphs/info-center/governance-services.ts';
import { issueRectificationNotice, listRectificationNotices, recordRectification } from '../subgraphs/info-center/rectification.ts';
import { reportHtml } from '../scripts/evaluation-export.ts';
import { openMigratedStore, STORE_BACKENDS, type TestDatabase } from './support/databases.ts';

const OPERATOR: Consumer = { app: 'info-center-admin', dept: 'info-center', roles: ['platform-admin'] };
const HR_ADMIN: Consumer = { app: 'human-resources-admin', dept: 'human-resources', roles: ['consumer', 'provider-admin'] };
const CIVIL_CONSUMER: Consumer = { app: 'means-test', dept: 'civil-affairs', roles: ['consumer'] };
const CIVIL_ADMIN: Consumer = { app: 'civil-affairs-admin', dept: 'civil-affairs', roles: ['consumer', 'provider-admin'] };

/** "Today" for the report: 2026-07-01, a Wednesday, noon in China. */
const NOW = new Date('2026-07-01T04:00:00Z');
const PERIOD = { department: 'human-resources', from: '2026-01-01', to: '2026-12-31' };

/**
 * Requests to human-resources, all submitted Monday 2026-03-02 (no holiday in March 2026), due
 * 2026-03-23 (15 working days: 3–6, 9–13, 16–20, 23 March). Answer times counted by hand in working
 * days after the day submitted: 0 (same day), 2 (Wed 4th), 5 (Mon 9th), 17 (Wed 25th: late).
 */
const ANSWERED = [
  { id: 'req-same-day', decided: '2026-03-02T06:00:00Z', days: 0 },
  { id: 'req-wednesday', decided: '2026-03-04T06:00:00Z', days: 2 },
  { id: 'req-next-monday', decided: '2026-03-09T06:00:00Z', days: 5 },
  { id: 'req-late', decided: '2026-03-25T06:00:00Z', days: 17 },
];
const HAND_MEDIAN = (2 + 5) / 2;
const HAND_MAX = 17;

function requestRow(id: string, provider: string, submitted: string, extra: Record<string, unknown>) {
  return {
    id,
    requesting_dept: 'civil-affairs',
    requested_by: 'means-test',
    provider,
    fields: JSON.stringify(['Resident.pension']),
    purpose: 'DATA_VERIFICATION',
    justification: 'means test',
    wanted_until: '2027-01-01',
    status: 'APPROVED',
    submitted_at: new Date(submitted),
    step_started_at: new Date(submitted),
    due_date: '2026-03-23',
    ...extra,
  };
}

function disputeRow(id: string, extra: Record<string, unknown>) {
  return {
    id,
    field: 'Resident.pension',
    entity_key: '370306199001011234',
    reporting_dept: 'civil-affairs',
    reported_by: 'means-test',
    provider: 'human-resources',
    description: 'pension differs',
    evidence: 'bank statement',
    status: 'ANSWERED',
    reported_at: new Date('2026-04-01T02:00:00Z'),
    due_date: '2026-04-09',
    ...extra,
  };
}

/** Audit records: at, consumer, purpose, granted items, providers called, outcome. */
const AUDIT: Array<{ at: string; dept: string; purpose: string; granted: string[]; providers: string[]; outcome?: string; ms?: number }> = [
  {
    at: '2026-02-10T01:00:00Z',
    dept: 'civil-affairs',
    purpose: 'DATA_VERIFICATION',
    granted: ['Query.resident', 'Resident.pension', 'Resident.name'],
    providers: ['public-security', 'human-resources'],
    ms: 10,
  },
  {
    at: '2026-02-10T02:00:00Z',
    dept: 'civil-affairs',
    purpose: 'DATA_VERIFICATION',
    granted: ['Query.resident', 'Resident.pension', 'Resident.employer'],
    providers: ['human-resources'],
    ms: 30,
  },
  {
    at: '2026-03-15T23:30:00Z',
    dept: 'approval',
    purpose: 'ADMINISTRATIVE_APPROVAL',
    granted: ['Query.resident', 'Resident.employer'],
    providers: ['human-resources'],
    ms: 20,
  },
  {
    at: '2026-05-05T03:00:00Z',
    dept: 'approval',
    purpose: 'ADMINISTRATIVE_APPROVAL',
    granted: ['Query.resident', 'Resident.pension'],
    providers: ['human-resources'],
    outcome: 'ERROR',
    ms: 100,
  },
  // today: not rolled up, counted from the records
  {
    at: '2026-07-01T01:00:00Z',
    dept: 'civil-affairs',
    purpose: 'DATA_VERIFICATION',
    granted: ['Query.resident', 'Resident.pension'],
    providers: ['human-resources'],
    ms: 40,
  },
  // public-security's only: not human-resources' use
  {
    at: '2026-02-11T01:00:00Z',
    dept: 'civil-affairs',
    purpose: 'DATA_VERIFICATION',
    granted: ['Query.resident', 'Resident.name'],
    providers: ['public-security'],
    ms: 5,
  },
  // human-resources as a consumer, refused: attempted use beyond its grants (art. 22(4))
  { at: '2026-06-01T01:00:00Z', dept: 'human-resources', purpose: 'DATA_VERIFICATION', granted: [], providers: [], outcome: 'REFUSED', ms: 1 },
  // outside the period
  {
    at: '2025-12-20T01:00:00Z',
    dept: 'civil-affairs',
    purpose: 'DATA_VERIFICATION',
    granted: ['Query.resident', 'Resident.pension'],
    providers: ['human-resources'],
    ms: 10,
  },
];

function auditRow(chain: string, seq: number, record: (typeof AUDIT)[number]) {
  return {
    chain,
    seq,
    prev_hash: `${chain}-h${seq - 1}`,
    hash: `${chain}-h${seq}`,
    at: new Date(record.at),
    request_id: `${chain}-${seq - 1}`,
    app: `${record.dept}-app`,
    dept: record.dept,
    roles: JSON.stringify(['consumer']),
    purpose: record.purpose,
    matter: null,
    operation_hash: 'x',
    operation_name: null,
    granted: JSON.stringify(record.granted),
    denied: JSON.stringify([]),
    masked: JSON.stringify([]),
    providers: record.providers,
    served: JSON.stringify({}),
    outcome: record.outcome ?? 'SERVED',
    duration_ms: record.ms ?? 1,
    code: record.outcome === 'REFUSED' ? 'FORBIDDEN_OPERATION' : null,
  };
}

/** A human-resources record received by civil-affairs at `at`. */
const hrUse = (at: string) => ({
  at,
  dept: 'civil-affairs',
  purpose: 'DATA_VERIFICATION',
  granted: ['Query.resident', 'Resident.pension'],
  providers: ['human-resources'],
  ms: 10,
});

const root = new URL('..', import.meta.url).pathname;

function runReport(database: TestDatabase, dataDir: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'REGULATION_PROFILE']) delete env[name];
  if (database.databaseUrl) env['DATABASE_URL'] = database.databaseUrl;
  return spawnSync(process.execPath, ['scripts/report.ts', ...args], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
}

describe.each(STORE_BACKENDS)('evaluation report on %s', (backend, createDatabase) => {
  let close: () => Promise<void>;
  let database: TestDatabase;
  let services: GovernanceServices;
  let now = NOW;
  let report: EvaluationReport;

  beforeAll(async () => {
    const opened = await openMigratedStore(createDatabase);
    close = opened.close;
    database = opened.database;
    const db = opened.store.db;
    await seedDepartments(db);
    await syncCatalog(db, testCatalog, new Date('2026-01-05T00:00:00Z'));
    // one complete entry (every art. 8/10 element), one change waiting for review since 2026-05-04
    await db
      .updateTable('catalog_items')
      .set({
        override: JSON.stringify({
          abstract: 'a',
          classification: 'b',
          format: 'c',
          shareCondition: 'd',
          shareMethod: 'e',
          openToPublic: false,
          updateCycle: 'f',
          basis: 'g',
        }),
      })
      .where('coordinate', '=', 'Resident.employer')
      .execute();
    await db
      .updateTable('catalog_items')
      .set({ review_status: 'PENDING_REVIEW', changed_on: '2026-05-04' })
      .where('coordinate', '=', 'Resident.pension')
      .execute();
    await db
      .insertInto('access_requests')
      .values([
        ...ANSWERED.map((a) =>
          requestRow(a.id, 'human-resources', '2026-03-02T02:00:00Z', { decided_at: new Date(a.decided), decided_by: 'human-resources-admin' }),
        ),
        requestRow('req-unanswered', 'human-resources', '2026-05-11T02:00:00Z', { status: 'PENDING', due_date: '2026-06-01' }),
        requestRow('req-other-provider', 'public-security', '2026-03-02T02:00:00Z', { decided_at: new Date('2026-06-30T02:00:00Z') }),
        requestRow('req-last-year', 'human-resources', '2025-12-01T02:00:00Z', { decided_at: new Date('2026-02-27T02:00:00Z') }),
      ])
      .execute();
    await db
      .insertInto('disputes')
      .values([
        disputeRow('dispute-on-time', {
          answered_at: new Date('2026-04-08T02:00:00Z'),
          answered_by: 'human-resources-admin',
          answer: 'fixed',
          outcome: 'CORRECTED',
        }),
        disputeRow('dispute-late', {
          answered_at: new Date('2026-04-20T02:00:00Z'),
          answered_by: 'human-resources-admin',
          answer: 'fixed',
          outcome: 'CORRECTED',
        }),
        disputeRow('dispute-open', { status: 'OPEN' }),
      ])
      .execute();
    await db
      .insertInto('audit_records')
      .values(AUDIT.map((record, i) => ({ ...auditRow('evaluation-test', i + 1, record), prev_hash: `h${i}`, hash: `h${i + 1}`, request_id: `audit-${i}` })))
      .execute();
    services = {
      db,
      catalog: () => testCatalog,
      departments: [],
      grantMaxValidityDays: 365,
      profile: requireShippedProfile(DEFAULT_REGULATION_PROFILE),
      now: () => now,
      grantsChanged: async () => undefined,
      supergraphSdl: () => '',
      localSubgraphs: [],
      supergraphChanged: async () => undefined,
    };
    // As the info-center's start would: the last two years rolled ahead of any report.
    await rollUpAhead(db, NOW);
    report = await evaluationReport(services, OPERATOR, PERIOD);
  }, 60_000);
  afterAll(() => close?.());

  it('art-17: requests received and answered, with median and maximum answer time in working days counted by hand', () => {
    expect(ANSWERED.map((a) => a.days).sort((a, b) => a - b)).toEqual([0, 2, 5, 17]);
    expect(report.requests).toEqual({ received: 5, answered: 4, medianAnswerWorkingDays: HAND_MEDIAN, maxAnswerWorkingDays: HAND_MAX, overdue: 2 });
  });

  it('art-17: disputes received, answered on time, still unanswered past their due date', () => {
    expect(report.disputes).toEqual({ received: 3, answered: 2, answeredOnTime: 1, overdue: 1 });
  });

  it('art-17, art-8, art-10: catalog completeness per item and changes not reflected within 15 working days', () => {
    const hrItems = [...testCatalog.values()].filter((share) => share.provider === 'human-resources' && share.typeName !== 'Query');
    expect(report.catalog.items).toBe(hrItems.length);
    expect(report.catalog.complete).toBe(1);
    expect(report.catalog.incomplete.map((gap) => gap.coordinate)).not.toContain('Resident.employer');
    expect(report.catalog.incomplete.find((gap) => gap.coordinate === 'Resident.pension')?.missing).toContain('abstract');
    // changed Mon 4 May; 15 working days on (the May Day holidays as the calendar has them) is long before 1 July
    expect(report.catalog.reviewOverdue).toBe(1);
    expect(report.catalog.overdueItems[0]).toMatch(/^Resident\.pension \(due 2026-05-2\d\)$/);
  });

  it('art-17: usage of its items by consumer, purpose and item, from the roll-up and today’s records', () => {
    // human-resources items received: records 0, 1, 2, 3 (rolled) and 4 (today); 5 is public-security's only, 7 last year
    expect(report.usage.records).toBe(5);
    expect(report.usage.byConsumer).toEqual([
      { key: 'civil-affairs', records: 3 },
      { key: 'approval', records: 2 },
    ]);
    expect(report.usage.byPurpose).toEqual([
      { key: 'DATA_VERIFICATION', records: 3 },
      { key: 'ADMINISTRATIVE_APPROVAL', records: 2 },
    ]);
    expect(report.usage.byItem).toEqual([
      { key: 'Resident.pension', records: 4 },
      { key: 'Resident.employer', records: 2 },
    ]);
  });

  it('art-17: availability and latency of its subgraph from the audited calls', () => {
    // calls to human-resources: records 0–4 (durations 10, 30, 20, 100, 40), one ERROR
    expect(report.service).toEqual({ calls: 5, failures: 1, availability: 0.8, meanLatencyMs: 40, maxLatencyMs: 100 });
  });

  it('art-22: each detectable violation kind is listed with examples, and what cannot be detected is said', () => {
    const kinds = Object.fromEntries(report.violations.map((v) => [v.kind, v]));
    expect(kinds['REQUEST_ANSWERED_LATE']).toMatchObject({ clause: '22(2)', count: 1, examples: ['req-late (due 2026-03-23, answered 2026-03-25)'] });
    expect(kinds['REQUEST_UNANSWERED']).toMatchObject({ count: 1, examples: ['req-unanswered (due 2026-06-01)'] });
    expect(kinds['DISPUTE_ANSWERED_LATE']?.examples).toEqual(['dispute-late (due 2026-04-09, answered 2026-04-20)']);
    expect(kinds['DISPUTE_UNANSWERED']?.examples).toEqual(['dispute-open (due 2026-04-09)']);
    expect(kinds['CATALOG_NOT_UPDATED']).toMatchObject({ clause: '22(1)', count: 1 });
    expect(kinds['CATALOG_INCOMPLETE']?.count).toBe(report.catalog.incomplete.length);
    expect(kinds['SUBGRAPH_UNAVAILABLE']?.examples).toEqual(['1 of 5 calls failed']);
    expect(kinds['USE_BEYOND_GRANT_ATTEMPTED']).toMatchObject({ clause: '22(4)', count: 1, examples: ['audit-6 (2026-06-01T01:00:00.000Z)'] });
    expect(report.notDetected.map((n) => n.kind)).toContain('REFUSAL_WITHOUT_REASON');
    expect(report.notDetected.find((n) => n.kind === 'REFUSAL_WITHOUT_REASON')?.why).toMatch(/impossible by construction/);
  });

  it('art-17: the roll-up is idempotent — a second report rolls nothing and answers the same', async () => {
    expect(report.rollUp).toEqual({ incomplete: false, pendingDays: 0, rolledUpTo: '2026-12-31', rolledNow: 0 });
    expect(await rollUpAuditDays(services.db, '2026-01-01', '2026-06-30', NOW)).toEqual([]);
    const again = await evaluationReport(services, OPERATOR, PERIOD);
    expect({ ...again, generatedAt: '' }).toEqual({ ...report, generatedAt: '' });
    const { count } = await services.db
      .selectFrom('audit_daily_days')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    // from the day of the earliest record (2025-12-20, outside the period) to yesterday: 12 + 31 + 28 + 31 + 30 + 31 + 30 days
    expect(Number(count)).toBe(193);
    expect(await services.db.selectFrom('audit_daily_days').select('day').orderBy('day').limit(1).execute()).toEqual([{ day: '2025-12-20' }]);
  });

  it('art-17: a report over a period before the earliest audit record is complete: nothing pending, nothing rolled for it', async () => {
    const before = await evaluationReport(services, OPERATOR, { department: 'human-resources', from: '2024-01-01', to: '2024-12-31' });
    expect(before.rollUp).toEqual({ incomplete: false, pendingDays: 0, rolledUpTo: '2024-12-31', rolledNow: 0 });
    expect(before.usage.records).toBe(0);
    // a period straddling the first record's day: only the days from it on are the roll-up's
    const straddling = await evaluationReport(services, OPERATOR, { department: 'human-resources', from: '2025-12-01', to: '2025-12-31' });
    expect(straddling.rollUp).toEqual({ incomplete: false, pendingDays: 0, rolledUpTo: '2025-12-31', rolledNow: 0 });
    expect(straddling.usage.records).toBe(1);
    const rolled2024 = await services.db.selectFrom('audit_daily_days').select('day').where('day', '<', '2025-12-20').execute();
    expect(rolled2024).toEqual([]);
  });

  it('art-17: the department reads its own report; a consumer or another department is FORBIDDEN', async () => {
    expect((await evaluationReport(services, HR_ADMIN, PERIOD)).requests.received).toBe(5);
    await expect(evaluationReport(services, CIVIL_CONSUMER, PERIOD)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(evaluationReport(services, CIVIL_ADMIN, PERIOD)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(evaluationReport(services, { ...HR_ADMIN, roles: ['consumer'] }, PERIOD)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('art-17: the period is calendar days, from not after to, at most 366 days; an unknown department is NOT_FOUND', async () => {
    const bad = (from: string, to: string) => evaluationReport(services, OPERATOR, { department: 'human-resources', from, to });
    await expect(bad('2026-01-01', '2027-01-02')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(bad('2026-02-01', '2026-01-31')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(bad('2026-02-30', '2026-03-01')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(bad('2026-01-01T00:00:00Z', '2026-03-01')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect((await bad('2024-01-01', '2024-12-31')).from).toBe('2024-01-01');
    await expect(evaluationReport(services, OPERATOR, { ...PERIOD, department: 'no-such-department' })).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('art-22: a rectification notice is issued with a working-day deadline, recorded by the department, and one not done in time is listed OVERDUE', async () => {
    now = NOW;
    const notice = await issueRectificationNotice(services, OPERATOR, {
      department: 'human-resources',
      kind: 'REQUEST_ANSWERED_LATE',
      examples: ['req-late'],
      text: '请于期限内整改超期答复问题',
    });
    // 15 working days after Wed 1 July 2026: 2–3, 6–10, 13–17, 20–22 July
    expect(notice).toMatchObject({ status: 'OPEN', working_days: 15, due_date: '2026-07-22' });
    const late = await issueRectificationNotice(services, OPERATOR, {
      department: 'human-resources',
      kind: 'DISPUTE_UNANSWERED',
      text: '异议未答复',
      workingDays: 1,
    });
    expect(late.due_date).toBe('2026-07-02');
    await expect(recordRectification(services, CIVIL_ADMIN, { id: notice.id, action: 'x' })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const recorded = await recordRectification(services, HR_ADMIN, { id: notice.id, action: '已修订答复流程' });
    expect(recorded).toMatchObject({ status: 'RECORDED', recorded_by: 'human-resources-admin', action_taken: '已修订答复流程' });
    await expect(recordRectification(services, HR_ADMIN, { id: notice.id, action: 'again' })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    now = new Date('2026-07-06T04:00:00Z');
    const overdue = await listRectificationNotices(services, OPERATOR, { status: 'OVERDUE' });
    expect(overdue.map((row) => row.id)).toEqual([late.id]);
    expect((await listRectificationNotices(services, HR_ADMIN, {})).length).toBe(2);
    expect(await listRectificationNotices(services, CIVIL_ADMIN, {})).toEqual([]);
    const events = await services.db
      .selectFrom('governance_events')
      .select(['action', 'subject_id'])
      .where('subject_kind', '=', 'rectification_notice')
      .orderBy('seq')
      .execute();
    expect(events).toEqual([
      { action: 'issued', subject_id: notice.id },
      { action: 'issued', subject_id: late.id },
      { action: 'recorded', subject_id: notice.id },
    ]);
    now = NOW;
  });

  it('art-22: only the coordination office issues notices, within 1–60 working days, of a known kind; notice texts are screened', async () => {
    const issue = (actor: Consumer, extra: Record<string, unknown>) =>
      issueRectificationNotice(services, actor, { department: 'human-resources', kind: 'CATALOG_NOT_UPDATED', text: 't', ...extra });
    await expect(issue(HR_ADMIN, {})).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(issue(OPERATOR, { workingDays: 0 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(issue(OPERATOR, { workingDays: 61 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(issue(OPERATOR, { kind: 'SOMETHING_ELSE' })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(issue(OPERATOR, { department: 'nowhere' })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    for (const text of ['a\u202Eb', 'x\u0000', 'y'.repeat(2001)])
      expect(checkGovernanceArguments('issueRectificationNotice', { text }).ok, JSON.stringify(text.slice(0, 8))).toBe(false);
    expect(checkGovernanceArguments('recordRectification', { id: 'x', action: 'z\u200B' }).ok).toBe(false);
    expect(checkGovernanceArguments('issueRectificationNotice', { examples: Array.from({ length: 101 }, () => 'e') }).ok).toBe(false);
    expect(checkGovernanceArguments('issueRectificationNotice', { text: '整改\n第二行' }).ok).toBe(true);
  });

  it('art-17: the printable page escapes every text and loads nothing from outside', () => {
    const hostile = {
      ...report,
      department: '<script>alert(1)</script>',
      violations: [{ kind: 'CATALOG_INCOMPLETE' as const, clause: '22(1)', count: 1, examples: ['"><img src=x>'] }],
    };
    const html = reportHtml(hostile);
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9!]+)/gi)].map((match) => match[1]!.toLowerCase()));
    expect([...tags].sort()).toEqual([
      '!doctype',
      'body',
      'h1',
      'h2',
      'head',
      'html',
      'meta',
      'p',
      'section',
      'style',
      'table',
      'tbody',
      'td',
      'th',
      'thead',
      'title',
      'tr',
    ]);
    expect(html).not.toMatch(/href=|@import|url\(/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('@media print');
  });

  it('art-17: when two instances roll ahead at once, then each day is rolled by one of them and nothing is counted twice', async () => {
    // A moment whose two-year window nothing has rolled yet; two records of 10 June 2019 in it.
    const then = new Date('2020-03-01T04:00:00Z');
    await services.db
      .insertInto('audit_records')
      .values([auditRow('rollup-race', 1, hrUse('2019-06-10T02:00:00Z')), auditRow('rollup-race', 2, hrUse('2019-06-10T03:00:00Z'))])
      .execute();
    // On PostgreSQL a second connection pool, as a second gateway has; PGlite is one process's.
    const other = database.databaseUrl ? await openStore({ databaseUrl: database.databaseUrl }) : undefined;
    try {
      const [a, b] = await Promise.all([rollUpAhead(services.db, then), rollUpAhead(other?.db ?? services.db, then)]);
      expect(a.filter((day) => b.includes(day))).toEqual([]);
      // from the first record's day (10 June 2019) to yesterday (29 February 2020): 21 + 31 + 31 + 30 + 31 + 30 + 31 + 31 + 29 days
      expect(new Set([...a, ...b]).size).toBe(265);
      expect(a.length + b.length).toBe(265);
      const calls = await services.db.selectFrom('audit_daily_calls').selectAll().where('day', '=', '2019-06-10').execute();
      expect(calls.map((row) => [row.provider, row.calls])).toEqual([['human-resources', 2]]);
      expect(await rollUpAhead(other?.db ?? services.db, then)).toEqual([]);
    } finally {
      await other?.close();
    }
  });

  it('art-17: when a report finds more days not rolled up than the bound, then it rolls the oldest 31 itself and says the rest is not counted yet', async () => {
    await services.db
      .insertInto('audit_records')
      .values([auditRow('rollup-bound', 1, hrUse('2023-01-15T02:00:00Z')), auditRow('rollup-bound', 2, hrUse('2023-05-01T02:00:00Z'))])
      .execute();
    const days = async () =>
      Number(
        (
          await services.db
            .selectFrom('audit_daily_days')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('day', 'like', '2023-%')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const year = { department: 'human-resources', from: '2023-01-01', to: '2023-12-31' };
    const first = await evaluationReport(services, OPERATOR, year);
    expect(first.rollUp).toEqual({ incomplete: true, pendingDays: 365 - 31, rolledUpTo: '2023-01-31', rolledNow: 31 });
    expect(await days()).toBe(31);
    // January counted, May not yet: the report answers with the part rolled, flagged
    expect(first.usage.records).toBe(1);
    expect(first.service.calls).toBe(1);
    const second = await evaluationReport(services, OPERATOR, year);
    expect(second.rollUp).toEqual({ incomplete: true, pendingDays: 365 - 62, rolledUpTo: '2023-03-03', rolledNow: 31 });
    expect(await days()).toBe(62);
    // The operator's command is not a request: it rolls what it needs and counts the whole year.
    const whole = await buildReport(services, 'human-resources', { from: year.from, to: year.to, days: 365 }, { inlineRollUpDays: Infinity });
    expect(whole.rollUp).toEqual({ incomplete: false, pendingDays: 0, rolledUpTo: '2023-12-31', rolledNow: 303 });
    expect(whole.usage.records).toBe(2);
  });

  it('art-17: when a replayed spool stores records of a day already rolled, then the nightly run finds the day changed and rolls it again; counts are replaced, not added', async () => {
    // the earlier tests' older records moved the first record's day back: those days are rolled first
    expect((await rollUpAhead(services.db, NOW)).length).toBe(538); // 2024-06-30 to 2025-12-19
    const june = { department: 'human-resources', from: '2026-06-01', to: '2026-06-30' };
    const before = await evaluationReport(services, OPERATOR, june);
    expect(before.usage.records).toBe(0);
    const rolledDay = await services.db.selectFrom('audit_daily_days').select('records').where('day', '=', '2026-06-15').executeTakeFirstOrThrow();
    expect(rolledDay.records).toBe(0); // counted when it was rolled: no record then
    // a gateway's spool replayed after the store came back: records with their original time, into a rolled day
    await services.db
      .insertInto('audit_records')
      .values([auditRow('late-spool', 1, hrUse('2026-06-15T02:00:00Z')), auditRow('late-spool', 2, hrUse('2026-06-15T03:00:00Z'))])
      .execute();
    // until rolled again the report shows what was rolled (never counted twice)
    expect((await evaluationReport(services, OPERATOR, june)).usage.records).toBe(0);
    // a day rolled before migration 0018 (count unknown) is rolled again once too
    await services.db.updateTable('audit_daily_days').set({ records: null }).where('day', '=', '2026-06-10').execute();
    expect((await rollUpAhead(services.db, NOW)).sort()).toEqual(['2026-06-10', '2026-06-15']);
    expect(await rollUpAhead(services.db, NOW)).toEqual([]);
    const after = await evaluationReport(services, OPERATOR, june);
    expect(after.usage.records).toBe(2);
    expect(after.rollUp).toMatchObject({ incomplete: false, pendingDays: 0 });
    const calls = await services.db.selectFrom('audit_daily_calls').select(['provider', 'calls']).where('day', '=', '2026-06-15').execute();
    expect(calls).toEqual([{ provider: 'human-resources', calls: 2 }]);
    expect(
      await services.db.selectFrom('audit_daily_days').select(['day', 'records']).where('day', 'in', ['2026-06-10', '2026-06-15']).orderBy('day').execute(),
    ).toEqual([
      { day: '2026-06-10', records: 0 },
      { day: '2026-06-15', records: 2 },
    ]);
    // a late record older than the nightly check (31 days) waits for the start run, which checks the whole window
    await services.db
      .insertInto('audit_records')
      .values(auditRow('late-spool', 3, hrUse('2026-02-10T05:00:00Z')))
      .execute();
    expect(await rollUpAhead(services.db, NOW)).toEqual([]);
    expect(await rollUpAhead(services.db, NOW, undefined, 731)).toEqual(['2026-02-10']);
  });

  it('art-14, art-17: the freshness history is written on status change only and counted per resource over a period, clipping intervals that straddle its bounds', async () => {
    const db = services.db;
    // public-security's Resident items: one declared DAILY, the others without a cycle (UNKNOWN throughout)
    await db
      .updateTable('catalog_items')
      .set({ override: JSON.stringify({ updateCycle: 'DAILY' }) })
      .where('coordinate', '=', 'Resident.name')
      .execute();
    const reading = (dataAsOf: string) =>
      db
        .insertInto('resource_freshness_readings')
        .values({ provider: 'public-security', resource: 'Resident', data_as_of: dataAsOf, outcome: 'READ', read_at: now })
        .onConflict((oc) => oc.columns(['provider', 'resource']).doUpdateSet({ data_as_of: dataAsOf }))
        .execute();
    const GAP = 3 * 86_400_000;
    const round = async (instant: string) => {
      now = new Date(instant);
      await recordFreshnessIntervals(services, GAP);
    };
    try {
      await reading('2026-05-30');
      await round('2026-05-30T04:00:00Z'); // FRESH (due 31 May)
      await round('2026-05-31T04:00:00Z'); // FRESH still: nothing written
      await round('2026-06-01T04:00:00Z'); // STALE
      await reading('2026-06-03');
      await round('2026-06-03T04:00:00Z'); // FRESH again
      await round('2026-06-04T04:00:00Z'); // FRESH still
      await round('2026-06-10T04:00:00Z'); // six days unwatched (more than the gap): UNKNOWN over them, then STALE
      await reading('2026-06-20');
      await round('2026-06-20T04:00:00Z'); // unwatched again: the STALE interval was never confirmed, so it held no time
    } finally {
      now = NOW;
    }
    const rows = await db
      .selectFrom('resource_freshness_intervals')
      .select(['update_cycle', 'status', 'reason', 'from_at', 'to_at'])
      .where('provider', '=', 'public-security')
      .where('update_cycle', '=', 'DAILY')
      .orderBy('from_at')
      .execute();
    const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString().slice(0, 13));
    expect(rows.map((row) => [row.status, iso(row.from_at), iso(row.to_at)])).toEqual([
      ['FRESH', '2026-05-30T04', '2026-06-01T04'],
      ['STALE', '2026-06-01T04', '2026-06-03T04'],
      ['FRESH', '2026-06-03T04', '2026-06-04T04'],
      ['UNKNOWN', '2026-06-04T04', '2026-06-10T04'],
      ['UNKNOWN', '2026-06-10T04', '2026-06-20T04'],
      ['FRESH', '2026-06-20T04', null],
    ]);
    expect(rows[3]?.reason).toBe(NOT_WATCHED);
    // the catalog's items without a cycle: UNDECLARED, one UNKNOWN interval all along (no change, no row added)
    const withoutCycle = await db
      .selectFrom('resource_freshness_intervals')
      .select('status')
      .where('provider', '=', 'public-security')
      .where('update_cycle', '=', 'UNDECLARED')
      .execute();
    expect(withoutCycle).toEqual([{ status: 'UNKNOWN' }]);
    // 1–5 June (China days: 31 May 16:00 UTC to 5 June 16:00 UTC): the first FRESH interval began before the period
    // (12 h inside), STALE 2 days, FRESH 1 day, the unwatched gap runs past the period's end (1.5 days inside)
    const june = await evaluationReport(services, OPERATOR, { department: 'public-security', from: '2026-06-01', to: '2026-06-05' });
    expect(june.freshness.resources).toEqual([
      { resource: 'Resident', updateCycle: 'DAILY', freshDays: 1.5, staleDays: 2, longestStaleDays: 2, unknownDays: 1.5, freshShare: 0.3 },
      { resource: 'Resident', updateCycle: 'UNDECLARED', freshDays: 0, staleDays: 0, longestStaleDays: 0, unknownDays: 5, freshShare: 0 },
    ]);
    // art. 22(3): stale two days at once, longer than its daily cycle (the next update was missed too); the undeclared one is never stale
    const notUpdated = june.violations.find((v) => v.kind === 'DATA_NOT_UPDATED');
    expect(notUpdated).toEqual({
      kind: 'DATA_NOT_UPDATED',
      clause: '22(3)',
      count: 1,
      examples: ['Resident (cycle DAILY, stale 2 days, longest 2 days without a break)'],
    });
    // the coordination office notifies the department from it, like any detected kind
    const notice = await issueRectificationNotice(services, OPERATOR, {
      department: 'public-security',
      kind: notUpdated!.kind,
      examples: notUpdated!.examples,
      text: '请按声明的更新周期及时更新共享数据',
    });
    expect(notice).toMatchObject({ department: 'public-security', kind: 'DATA_NOT_UPDATED', status: 'OPEN' });
    expect(notice.examples).toEqual(['Resident (cycle DAILY, stale 2 days, longest 2 days without a break)']);
    // a period where it was fresh throughout (30–31 May) lists no such violation
    const may = await evaluationReport(services, OPERATOR, { department: 'public-security', from: '2026-05-31', to: '2026-05-31' });
    expect(may.violations.map((v) => v.kind)).not.toContain('DATA_NOT_UPDATED');
    // 1–3 June: the FRESH interval of 3–4 June straddles the end (12 h inside)
    const early = await evaluationReport(services, OPERATOR, { department: 'public-security', from: '2026-06-01', to: '2026-06-03' });
    expect(early.freshness.resources.find((r) => r.updateCycle === 'DAILY')).toEqual({
      resource: 'Resident',
      updateCycle: 'DAILY',
      freshDays: 1,
      staleDays: 2,
      longestStaleDays: 2,
      unknownDays: 0,
      freshShare: 1 / 3,
    });
    // a period before any history: nothing measured, nothing listed
    expect((await evaluationReport(services, OPERATOR, { department: 'public-security', from: '2026-01-01', to: '2026-01-31' })).freshness.resources).toEqual(
      [],
    );
  });

  // The command opens the store itself: on PostgreSQL beside this test's connection; a PGlite directory is one process's, so there the test does not exist.
  if (backend === 'PostgreSQL')
    it('art-17: `npm run report` writes an XLSX workbook with a sheet per section, and a printable HTML page', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'evaluation-report-'));
      try {
        const out = join(dir, 'report.xlsx');
        const run = runReport(database, dir, ['--department', 'human-resources', '--from', '2026-01-01', '--to', '2026-12-31', '--out', out]);
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile(out);
        expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
          '概况',
          '目录',
          '共享申请',
          '数据异议',
          '按使用部门',
          '按用途',
          '按数据项',
          '服务可用性',
          '数据更新及时性',
          '违规情形',
          '无法检测的情形',
        ]);
        const requests = workbook.getWorksheet('共享申请')!;
        expect(requests.getRow(1).values).toEqual([undefined, '收到', '已答复', '答复用时中位数（工作日）', '答复用时最长（工作日）', '超期']);
        expect(requests.getRow(2).values).toEqual([undefined, 5, 4, HAND_MEDIAN, HAND_MAX, 2]);
        const violations = workbook.getWorksheet('违规情形')!;
        expect(violations.getColumn(2).values).toContain('REQUEST_ANSWERED_LATE');
        const html = join(dir, 'report.html');
        const page = runReport(database, dir, [
          '--department',
          'human-resources',
          '--from',
          '2026-01-01',
          '--to',
          '2026-12-31',
          '--out',
          html,
          '--format',
          'html',
        ]);
        expect(page.status).toBe(0);
        expect(readFileSync(html, 'utf8')).toContain('共享申请');
        const refused = runReport(database, dir, ['--department', 'human-resources', '--from', '2026-01-01', '--to', '2027-06-01', '--out', html]);
        expect(refused.status).toBe(2);
        expect(refused.stderr).toMatch(/at most 366 days/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
});
