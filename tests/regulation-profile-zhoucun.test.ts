/**
 * The regulation profile zhoucun-2018 end to end over HTTP, on embedded PGlite and on the machine's
 * real PostgreSQL: 周政发〔2018〕6号 art. 13 as it reads — a refused or non-shared request is
 * negotiated between the two departments, then decided by the coordination office or referred to the
 * city leading group, whose decision is entered when it comes. Every step is a governance event in
 * the chain, and every deadline is counted on the working calendar and flagged while a year it crosses
 * is unknown.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { verifyGovernanceEvents } from '../subgraphs/info-center/governance-event-chain.ts';
import { actionsOf, apply, clients, DEMO, mutate, STEP_FIELDS } from './support/access-request-steps.ts';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { failure, startStoreBackedPlatform, stopStoreBackedPlatform, type TestPlatform } from './support/test-platform.ts';

describe.each(STORE_BACKENDS)('regulation profile zhoucun-2018 on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  beforeAll(async () => void ({ platform, database } = await startStoreBackedPlatform(createDatabase)));
  afterAll(() => stopStoreBackedPlatform(platform, database));
  const as = () => clients(platform);

  it('when REGULATION_PROFILE is not set, then governance runs zhoucun-2018 and says so', async () => {
    const { body } = await as()
      .civil()
      .query(
        '{ regulationProfile { name purposes providerAnswerWorkingDays complianceCheckWorkingDays negotiationWorkingDays escalation disputeAnswerWorkingDays catalogReviewWorkingDays grantMaxValidityDays staleViolationCycles staleViolationShare staleViolationMinDays auditRetentionMonths } }',
      );
    expect(body.data?.['regulationProfile']).toEqual({
      name: 'zhoucun-2018',
      purposes: ['ADMINISTRATIVE_BASIS', 'WORK_REFERENCE', 'DATA_VERIFICATION', 'BUSINESS_COLLABORATION'],
      providerAnswerWorkingDays: 10,
      complianceCheckWorkingDays: null,
      negotiationWorkingDays: 10,
      escalation: ['NEGOTIATION', 'COORDINATION_OFFICE', 'CITY_LEADING_GROUP'],
      disputeAnswerWorkingDays: 5,
      catalogReviewWorkingDays: 15,
      grantMaxValidityDays: 365,
      staleViolationCycles: 1,
      staleViolationShare: 0.1,
      staleViolationMinDays: 1,
      auditRetentionMonths: 36,
    });
  });

  it("art-13: when a refused CONDITIONAL request is still needed, then the departments negotiate; when that fails, the coordination office refers it to the city leading group, and the city's decision, once entered, grants", async () => {
    onTestFinished(() => platform.governanceClock.reset());
    platform.governanceClock.set('2026-09-21T10:00:00+08:00'); // Monday
    const request = await apply(platform, ['Resident.socialInsurance']);
    // 10 working days (art. 13) over the Mid-Autumn Festival (Friday 25 September) and National Day.
    expect(request).toMatchObject({ status: 'PENDING', dueDate: '2026-10-12', regulationProfile: 'zhoucun-2018', dueDateProvisional: false });

    const noReason = await as().hrAdmin().query('mutation($id: ID!) { decideAccessRequest(id: $id, approve: false) { status } }', { id: request.id });
    expect(failure(noReason.body)).toEqual({ code: 'BAD_USER_INPUT', message: 'A refusal must give its reason (art. 13)' });
    await mutate(
      as().hrAdmin(),
      'decideAccessRequest',
      'mutation($id: ID!) { decideAccessRequest(id: $id, approve: false, reason: "参保明细属个人信息") { status } }',
      {
        id: request.id,
      },
    );

    platform.governanceClock.set('2026-09-22T10:00:00+08:00');
    const negotiating = await mutate(
      as().civil(),
      'escalateAccessRequest',
      `mutation($id: ID!) { escalateAccessRequest(id: $id, reason: "低保审核确需参保状态") { ${STEP_FIELDS} } }`,
      { id: request.id },
    );
    // The negotiation runs 10 working days from Tuesday 22 September.
    expect(negotiating).toMatchObject({ status: 'NEGOTIATING', dueDate: '2026-10-13', overdue: false });
    const tooEarly = await as().office().query('mutation($id: ID!) { referToCity(id: $id, reason: "报请") { status } }', { id: request.id });
    expect(failure(tooEarly.body)?.code).toBe('CONFLICT');

    const failed = await mutate(
      as().civil(),
      'recordNegotiation',
      `mutation($id: ID!) { recordNegotiation(id: $id, outcome: FAILED, text: "人社局坚持不予共享参保明细，协商未果") { ${STEP_FIELDS} } }`,
      { id: request.id },
    );
    expect(failed).toMatchObject({ status: 'ESCALATED', negotiationOutcome: 'FAILED', negotiationText: '人社局坚持不予共享参保明细，协商未果' });

    const referred = await mutate(
      as().office(),
      'referToCity',
      `mutation($id: ID!) { referToCity(id: $id, reason: "涉及市级统筹参保数据，报请市领导小组协调决定") { ${STEP_FIELDS} } }`,
      { id: request.id },
    );
    expect(referred).toMatchObject({ status: 'REFERRED_TO_CITY', referralReason: '涉及市级统筹参保数据，报请市领导小组协调决定', grants: [] });
    const byProvider = await as()
      .hrAdmin()
      .query('mutation($id: ID!) { enterCityDecision(id: $id, approve: true, decision: "同意") { status } }', { id: request.id });
    expect(failure(byProvider.body)?.code).toBe('FORBIDDEN');

    const decided = await mutate(
      as().office(),
      'enterCityDecision',
      `mutation($id: ID!) { enterCityDecision(id: $id, approve: true, decision: "市共享领导小组〔2026〕5号：同意按低保审核用途共享") { ${STEP_FIELDS} } }`,
      { id: request.id },
    );
    expect(decided).toMatchObject({
      status: 'CITY_APPROVED',
      cityDecision: '市共享领导小组〔2026〕5号：同意按低保审核用途共享',
      grants: [{ kind: 'EXCEPTION', field: 'Resident.socialInsurance', basis: '市共享领导小组〔2026〕5号：同意按低保审核用途共享', live: true }],
    });
    const value = await as().reader('ADMINISTRATIVE_BASIS').query(`{ resident(citizenId: "${DEMO.resident}") { socialInsurance { contributionMonths } } }`);
    expect(value.body.errors).toBeUndefined();

    expect(await actionsOf(platform, request.id)).toEqual([
      'submitted',
      'refused',
      'escalated',
      'negotiation-failed',
      'referred-to-city',
      'city-decision-entered',
    ]);
    expect(await verifyGovernanceEvents(platform.store.db)).toMatchObject({ ok: true });
  });

  it('art-13: when a NONE item is requested, then the departments negotiate first; after a failed negotiation the coordination office decides, and a city refusal grants nothing', async () => {
    const request = await apply(platform, ['Resident.criminalRecord']);
    expect(request).toMatchObject({ status: 'NEGOTIATING', overdue: false });
    const agreed = await as()
      .psAdmin()
      .query('mutation($id: ID!) { recordNegotiation(id: $id, outcome: AGREED, text: "同意") { status } }', { id: request.id });
    expect(failure(agreed.body)?.message).toMatch(/^Items not shared \(NONE\) are granted only by the coordination office: Resident.criminalRecord/);
    const noText = await as().psAdmin().query('mutation($id: ID!) { recordNegotiation(id: $id, outcome: FAILED, text: " ") { status } }', { id: request.id });
    expect(failure(noText.body)?.code).toBe('BAD_USER_INPUT');
    await mutate(as().psAdmin(), 'recordNegotiation', 'mutation($id: ID!) { recordNegotiation(id: $id, outcome: FAILED, text: "依法不予共享") { status } }', {
      id: request.id,
    });
    await mutate(as().office(), 'referToCity', 'mutation($id: ID!) { referToCity(id: $id, reason: "报请市领导小组") { status } }', { id: request.id });
    const refused = await mutate(
      as().office(),
      'enterCityDecision',
      `mutation($id: ID!) { enterCityDecision(id: $id, approve: false, decision: "市共享领导小组〔2026〕6号：不予共享") { ${STEP_FIELDS} } }`,
      { id: request.id },
    );
    expect(refused).toMatchObject({ status: 'CITY_REFUSED', grants: [] });
    const again = await as()
      .office()
      .query('mutation($id: ID!) { enterCityDecision(id: $id, approve: true, decision: "同意") { status } }', { id: request.id });
    expect(failure(again.body)?.code).toBe('CONFLICT');

    const other = await apply(platform, ['Resident.criminalRecord'], 'WORK_REFERENCE');
    await mutate(as().civil(), 'recordNegotiation', 'mutation($id: ID!) { recordNegotiation(id: $id, outcome: FAILED, text: "协商未果") { status } }', {
      id: other.id,
    });
    const closed = await mutate(
      as().office(),
      'closeEscalation',
      'mutation($id: ID!) { closeEscalation(id: $id, reason: "工作参考无需犯罪记录") { status } }',
      {
        id: other.id,
      },
    );
    expect(closed.status).toBe('CLOSED');
  });

  it('art-13: when the negotiation agrees, then the provider records it and its agreement grants the agreed items, no longer than asked', async () => {
    const request = await apply(platform, ['Resident.monthlyPension', 'Resident.pensionStatus'], 'DATA_VERIFICATION');
    await mutate(
      as().hrAdmin(),
      'decideAccessRequest',
      'mutation($id: ID!) { decideAccessRequest(id: $id, approve: false, reason: "超出核验需要") { status } }',
      {
        id: request.id,
      },
    );
    await mutate(as().civil(), 'escalateAccessRequest', 'mutation($id: ID!) { escalateAccessRequest(id: $id, reason: "确需核验养老金") { status } }', {
      id: request.id,
    });
    const byRequester = await as()
      .civil()
      .query('mutation($id: ID!) { recordNegotiation(id: $id, outcome: AGREED, text: "同意") { status } }', { id: request.id });
    expect(failure(byRequester.body)?.code).toBe('FORBIDDEN');
    const agreed = await mutate(
      as().hrAdmin(),
      'recordNegotiation',
      `mutation($id: ID!) { recordNegotiation(id: $id, outcome: AGREED, text: "同意仅共享养老金数额用于核验", fields: ["Resident.monthlyPension"]) { ${STEP_FIELDS} } }`,
      { id: request.id },
    );
    expect(agreed).toMatchObject({
      status: 'AGREED',
      negotiationOutcome: 'AGREED',
      grants: [{ kind: 'REQUEST', field: 'Resident.monthlyPension', basis: null, live: true }],
    });
    const value = await as().reader('DATA_VERIFICATION').query(`{ resident(citizenId: "${DEMO.resident}") { monthlyPension } }`);
    expect(value.body.errors).toBeUndefined();
    expect(await actionsOf(platform, request.id)).toEqual(['submitted', 'refused', 'escalated', 'negotiation-agreed']);
  });

  it('art-13: when a negotiation runs into a year whose holidays are not known, then its due date is provisional, and the office entering the year recounts it', async () => {
    onTestFinished(() => platform.governanceClock.reset());
    platform.governanceClock.set('2027-09-27T10:00:00+08:00'); // Monday
    const request = await apply(platform, ['Resident.criminalRecord'], 'DATA_VERIFICATION');
    expect(request).toMatchObject({ status: 'NEGOTIATING', dueDate: '2027-10-11', dueDateProvisional: true });
    const entered = await as()
      .office()
      .query('mutation($holidays: [Date!]!) { enterWorkingCalendar(year: 2027, holidays: $holidays, workdays: [], reason: "国务院办公厅通知") { source } }', {
        holidays: ['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
      });
    expect(entered.body.errors).toBeUndefined();
    const recounted = await as().civil().query(`query($id: ID!) { accessRequest(id: $id) { dueDate dueDateProvisional } }`, { id: request.id });
    expect(recounted.body.data?.['accessRequest']).toEqual({ dueDate: '2027-10-18', dueDateProvisional: false });
    expect(await actionsOf(platform, request.id)).toEqual(['submitted', 'due-date-recounted']);
  });

  it("art-8: when a catalog item's review is due in a year whose holidays are not known, then its review due date is flagged provisional", async () => {
    await platform.store.db
      .updateTable('catalog_items')
      .set({ review_status: 'PENDING_REVIEW', published_on: '2028-03-01', changed_on: null })
      .where('coordinate', '=', 'Resident.householdRelation')
      .execute();
    const { body } = await as().civil().query('{ catalog(resource: "Resident") { coordinate reviewDueDate reviewDueDateProvisional } }');
    const item = (body.data?.['catalog'] as Array<{ coordinate: string }>).find((entry) => entry.coordinate === 'Resident.householdRelation');
    // 15 working days (art. 8) counted on weekends alone.
    expect(item).toEqual({ coordinate: 'Resident.householdRelation', reviewDueDate: '2028-03-22', reviewDueDateProvisional: true });
  });
});
