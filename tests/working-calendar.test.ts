/**
 * The working calendar over HTTP, on PGlite and on real PostgreSQL: deadlines that fall in a year the
 * holiday library does not know are flagged provisional; once the coordination office enters that
 * year's schedule, running deadlines are recounted with its holidays and the change is on record.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { startStoreBackedPlatform, stopStoreBackedPlatform, type GraphQLBody, type TestPlatform } from './support/test-platform.ts';

/** 2027's New Year's Day (a Friday) and a Spring Festival week with its 调休 Sunday, as a notice would list them. */
const SCHEDULE_2027 = {
  holidays: ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'],
  workdays: ['2027-01-31'],
};
const ENTER = `mutation($year: Int!, $holidays: [Date!]!, $workdays: [Date!]!, $reason: String!) {
  enterWorkingCalendar(year: $year, holidays: $holidays, workdays: $workdays, reason: $reason) { year source holidays workdays enteredBy reason }
}`;

const code = (body: GraphQLBody) => body.errors?.[0]?.extensions?.['code'];

describe.each(STORE_BACKENDS)('working calendar on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  beforeAll(async () => void ({ platform, database } = await startStoreBackedPlatform(createDatabase)));
  afterAll(() => stopStoreBackedPlatform(platform, database));

  const operator = () => platform.client({ dept: 'info-center', app: 'info-center-admin', roles: ['platform-admin'] });
  const civil = () => platform.client({ dept: 'civil-affairs', app: 'means-test', roles: ['consumer'] });
  const hrAdmin = () => platform.client({ dept: 'human-resources', app: 'human-resources-admin', roles: ['consumer', 'provider-admin'] });

  it('art-13: when a request is made over a New Year the library does not know, then its due date is provisional until the office enters the year, and then recounted', async () => {
    onTestFinished(() => platform.governanceClock.reset());
    platform.governanceClock.set('2026-12-24T10:00:00+08:00');
    const applied = await civil().query(
      'mutation { requestAccess(input: { fields: ["Resident.monthlyPension"], purpose: ADMINISTRATIVE_BASIS, justification: "低保资格审核" }) { id dueDate dueDateProvisional } }',
    );
    expect(applied.body.errors).toBeUndefined();
    const request = applied.body.data?.['requestAccess'] as { id: string; dueDate: string; dueDateProvisional: boolean };
    // Thursday 24 December 2026 + 10 working days, counting only weekends in 2027: Thursday 7 January.
    expect(request).toMatchObject({ dueDate: '2027-01-07', dueDateProvisional: true });

    const known = await operator().query('{ workingCalendar(year: 2026) { source } unknown: workingCalendar(year: 2027) { source holidays } }');
    expect(known.body.data).toEqual({ workingCalendar: { source: 'LIBRARY' }, unknown: { source: 'WEEKENDS_ONLY', holidays: [] } });

    const entered = await operator().query(ENTER, { year: 2027, ...SCHEDULE_2027, reason: '国务院办公厅关于2027年部分节假日安排的通知' });
    expect(entered.body.errors).toBeUndefined();
    expect(entered.body.data?.['enterWorkingCalendar']).toEqual({
      year: 2027,
      source: 'ENTERED',
      holidays: SCHEDULE_2027.holidays,
      workdays: SCHEDULE_2027.workdays,
      enteredBy: 'info-center-admin',
      reason: '国务院办公厅关于2027年部分节假日安排的通知',
    });

    const recounted = await hrAdmin().query('query($id: ID!) { accessRequest(id: $id) { dueDate dueDateProvisional } }', { id: request.id });
    // New Year's Day (Friday) off: one working day later, Friday 8 January.
    expect(recounted.body.data?.['accessRequest']).toEqual({ dueDate: '2027-01-08', dueDateProvisional: false });
    const event = await platform.store.db
      .selectFrom('governance_events')
      .select(['action', 'details'])
      .where('subject_id', '=', request.id)
      .where('action', '=', 'due-date-recounted')
      .executeTakeFirst();
    expect(event?.details).toMatchObject({ year: 2027, from: '2027-01-07', to: '2027-01-08' });
  });

  it('art-4: when a department other than the operator enters a year, then FORBIDDEN and nothing changes', async () => {
    const refused = await hrAdmin().query(ENTER, { year: 2028, holidays: ['2028-01-03'], workdays: [], reason: '通知' });
    expect(code(refused.body)).toBe('FORBIDDEN');
    const after = await operator().query('{ workingCalendar(year: 2028) { source } }');
    expect(after.body.data?.['workingCalendar']).toEqual({ source: 'WEEKENDS_ONLY' });
  });

  it.each([
    ['a year out of range', { year: 99999, holidays: [], workdays: [], reason: '通知' }],
    ['more days than any list may hold', { year: 2028, holidays: Array.from({ length: 101 }, () => '2028-01-03'), workdays: [], reason: '通知' }],
    ['a weekday as a 调休 day', { year: 2028, holidays: [], workdays: ['2028-01-03'], reason: '通知' }],
    ['a reason with control and bidi characters', { year: 2028, holidays: [], workdays: [], reason: '通知\u0000\u202e' }],
    ['a reason longer than prose may be', { year: 2028, holidays: [], workdays: [], reason: '通'.repeat(2001) }],
  ])('when the operator enters %s, then BAD_USER_INPUT and nothing is stored', async (_name, variables) => {
    const refused = await operator().query(ENTER, variables);
    expect(code(refused.body)).toBe('BAD_USER_INPUT');
    expect(await platform.store.db.selectFrom('working_calendar_years').select('year').where('year', 'in', [2028, 99999]).execute()).toEqual([]);
  });

  it('when a year outside the kept range is asked for, then BAD_USER_INPUT', async () => {
    expect(code((await operator().query('{ workingCalendar(year: -1) { source } }')).body)).toBe('BAD_USER_INPUT');
  });
});
