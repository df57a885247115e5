/**
 * The evaluation report and rectification notices (周政发〔2018〕6号 art. 17, 22) through the gateway,
 * over real HTTP on PGlite and PostgreSQL: a resident read today shows in human-resources' report
 * (counted from today's records, not rolled yet); the operator and the department read it, a consumer
 * is FORBIDDEN; the worst values of every argument are refused with a stable code; a notice is issued,
 * listed for the department and recorded by it, and one for data not updated in time. On a fresh store
 * the audit roll-up at start rolls nothing (no record before today) and a report over the last year is
 * complete; the nightly run rolls the day that just ended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, chinaDate, endOfChinaDate } from '../policies/governance/china-date.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { startStoreBackedPlatform, stopStoreBackedPlatform, type TestPlatform } from './support/test-platform.ts';

const REPORT = `query Report($department: String!, $from: Date!, $to: Date!) {
  evaluationReport(department: $department, from: $from, to: $to) {
    department from to requests { received answered medianAnswerWorkingDays overdue }
    usage { records byConsumer { key records } byItem { key records } } service { calls failures availability }
    violations { kind clause count examples } notDetected { kind why } } }`;

const ROLL_UP = `query RollUp($department: String!, $from: Date!, $to: Date!) {
  evaluationReport(department: $department, from: $from, to: $to) {
    rollUp { incomplete pendingDays rolledUpTo rolledNow } usage { records }
    freshness { resources { resource updateCycle freshDays staleDays unknownDays freshShare } } } }`;

const ISSUE = `mutation Issue($department: String!, $kind: ViolationKind!, $text: String!, $examples: [String!], $workingDays: Int) {
  issueRectificationNotice(department: $department, kind: $kind, text: $text, examples: $examples, workingDays: $workingDays) {
    id department kind examples text dueDate status overdue } }`;

describe.each(STORE_BACKENDS)('evaluation report over HTTP on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  let startedDays: string[] = [];
  const today = chinaDate(new Date());
  const operator = () => platform.client({ dept: 'info-center', app: 'info-center-admin', roles: ['platform-admin'] });
  const hrAdmin = () => platform.client({ dept: 'human-resources', app: 'human-resources-admin', roles: ['consumer', 'provider-admin'] });
  const consumer = () => platform.client({ dept: 'civil-affairs', app: 'means-test' });
  const codes = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.map((error) => error.extensions?.['code']);

  beforeAll(async () => {
    ({ platform, database } = await startStoreBackedPlatform(createDatabase));
    // Before any report is asked: what the start of the info-center rolled up by itself.
    startedDays = await platform.auditRollUp!.started;
    const reader = platform.client({ dept: 'civil-affairs', app: 'means-test', purpose: 'ADMINISTRATIVE_BASIS' });
    await reader.query(`{ resident(citizenId: "${DEMO.resident}") { name monthlyPension } }`);
  });
  afterAll(() => stopStoreBackedPlatform(platform, database));

  it('art-17: the operator and the department read its report; today’s use of its items is counted; a consumer is FORBIDDEN', async () => {
    const variables = { department: 'human-resources', from: `${today.slice(0, 4)}-01-01`, to: today };
    const { body } = await operator().query(REPORT, variables);
    expect(body.errors).toBeUndefined();
    const report = body.data?.['evaluationReport'] as { usage: { records: number; byConsumer: unknown[]; byItem: unknown[] }; service: { calls: number } };
    expect(report.usage.records).toBe(1);
    expect(report.usage.byConsumer).toEqual([{ key: 'civil-affairs', records: 1 }]);
    expect(report.usage.byItem).toEqual([{ key: 'Resident.monthlyPension', records: 1 }]);
    expect(report.service.calls).toBe(1);
    expect((await hrAdmin().query(REPORT, variables)).body.errors).toBeUndefined();
    expect(codes((await consumer().query(REPORT, variables)).body)).toEqual(['FORBIDDEN']);
  });

  it('art-17: the worst values of the report’s arguments are refused with a stable code', async () => {
    const ask = async (variables: Record<string, unknown>) =>
      codes((await operator().query(REPORT, { department: 'human-resources', from: '2026-01-01', to: '2026-12-31', ...variables })).body);
    expect(await ask({ to: '2027-01-02' })).toEqual(['BAD_USER_INPUT']);
    expect(await ask({ from: '2026-12-31', to: '2026-01-01' })).toEqual(['BAD_USER_INPUT']);
    expect(await ask({ department: 'x'.repeat(10_000) })).toEqual(['BAD_USER_INPUT']);
    expect(await ask({ department: 'human-resources\u0000' })).toEqual(['BAD_USER_INPUT']);
    expect(await ask({ department: 'Human-Resources' })).toEqual(['NOT_FOUND']);
    expect((await ask({ from: '2026-13-01' }))?.length).toBe(1);
  });

  it('art-22: the operator issues a rectification notice, the department sees and records it; hostile notice texts are refused', async () => {
    const issued = await operator().query(ISSUE, {
      department: 'human-resources',
      kind: 'CATALOG_NOT_UPDATED',
      text: '请更新目录',
      examples: ['Resident.monthlyPension'],
    });
    expect(issued.body.errors).toBeUndefined();
    const notice = issued.body.data?.['issueRectificationNotice'] as { id: string; status: string; overdue: boolean };
    expect(notice).toMatchObject({ status: 'OPEN', overdue: false });
    for (const text of ['a\u202Eb', '<b>\u0007</b>', 'x'.repeat(2001)])
      expect(codes((await operator().query(ISSUE, { department: 'human-resources', kind: 'CATALOG_NOT_UPDATED', text })).body)).toEqual(['BAD_USER_INPUT']);
    expect(codes((await hrAdmin().query(ISSUE, { department: 'human-resources', kind: 'CATALOG_NOT_UPDATED', text: 't' })).body)).toEqual(['FORBIDDEN']);
    const listed = await hrAdmin().query('{ rectificationNotices(status: OPEN) { id kind } }');
    expect(listed.body.data?.['rectificationNotices']).toEqual([{ id: notice.id, kind: 'CATALOG_NOT_UPDATED' }]);
    expect((await consumer().query('{ rectificationNotices { id } }')).body.data?.['rectificationNotices']).toEqual([]);
    const recorded = await hrAdmin().query('mutation($id: ID!) { recordRectification(id: $id, action: "目录已更新") { status actionTaken } }', {
      id: notice.id,
    });
    expect(recorded.body.data?.['recordRectification']).toEqual({ status: 'RECORDED', actionTaken: '目录已更新' });
    // data not updated in time (art. 22(3)) is a kind the office notifies like the others
    const stale = await operator().query(ISSUE, {
      department: 'human-resources',
      kind: 'DATA_NOT_UPDATED',
      text: '请按声明的更新周期及时更新共享数据',
      examples: ['Resident (cycle DAILY, stale 2 days, longest 2 days without a break)'],
    });
    expect(stale.body.errors).toBeUndefined();
    expect(stale.body.data?.['issueRectificationNotice']).toMatchObject({ kind: 'DATA_NOT_UPDATED', status: 'OPEN' });
  });

  it('art-17: on a fresh store the start of the info-center rolls nothing (no record before today), and a report over the last year is complete', async () => {
    expect(startedDays).toEqual([]);
    const rolled = await platform.store.db.selectFrom('audit_daily_days').select('day').execute();
    expect(rolled).toEqual([]);
    // the days before the first record (today's) cannot hold records: not pending, so the year is not incomplete
    const { body } = await operator().query(ROLL_UP, { department: 'human-resources', from: addCalendarDays(today, -365), to: today });
    expect(body.errors).toBeUndefined();
    expect(body.data?.['evaluationReport']).toEqual({
      rollUp: { incomplete: false, pendingDays: 0, rolledUpTo: today, rolledNow: 0 },
      usage: { records: 1 },
      freshness: { resources: [] },
    });
  });

  it('art-17: after midnight China time the nightly run rolls the day that ended, and the report counts it from the roll-up', async () => {
    try {
      platform.governanceClock.set(new Date(endOfChinaDate(today).getTime() + 10 * 60_000).toISOString()); // 00:10 tomorrow
      expect(await platform.auditRollUp!.run()).toEqual([today]);
      expect(await platform.auditRollUp!.run()).toEqual([]);
      const usage = await platform.store.db
        .selectFrom('audit_daily_usage')
        .select(['consumer', 'item', 'records'])
        .where('day', '=', today)
        .where('provider', '=', 'human-resources')
        .orderBy('item')
        .execute();
      expect(usage).toEqual([
        { consumer: 'civil-affairs', item: '*', records: 1 },
        { consumer: 'civil-affairs', item: 'Resident.monthlyPension', records: 1 },
      ]);
      const { body } = await operator().query(ROLL_UP, { department: 'human-resources', from: today, to: today });
      expect(body.data?.['evaluationReport']).toMatchObject({ rollUp: { incomplete: false, rolledNow: 0 }, usage: { records: 1 } });
    } finally {
      platform.governanceClock.reset();
    }
  });
});
