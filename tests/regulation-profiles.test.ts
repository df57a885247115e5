/**
 * The regulation profiles end to end over HTTP, on embedded PGlite and on the machine's real
 * PostgreSQL: under `zhoucun-2018` (周政发〔2018〕6号 art. 13 as it reads) a refused or non-shared
 * request is negotiated between the two departments, then decided by the coordination office or
 * referred to the city leading group, whose decision is entered when it comes; under
 * `provincial-two-step` the operator checks compliance first, then the provider answers in 5 working
 * days (10 when it must first publish). Every step is a governance event in the chain, and every
 * deadline is counted on the working calendar and flagged while a year it crosses is unknown.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { requireShippedProfile } from '../policies/regulation-profiles.ts';
import { verifyGovernanceEvents } from '../subgraphs/info-center/governance-event-chain.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { failure, startStoreBackedPlatform, stopStoreBackedPlatform, type GraphQLBody, type TestPlatform } from './support/test-platform.ts';

const STEP_FIELDS =
  'id status dueDate dueDateProvisional overdue regulationProfile negotiationOutcome negotiationText referralReason cityDecision grants { kind field basis live }';

interface RequestView {
  id: string;
  status: string;
  dueDate: string;
  dueDateProvisional: boolean;
  overdue: boolean;
  regulationProfile: string;
  negotiationOutcome: string | null;
  negotiationText: string | null;
  referralReason: string | null;
  cityDecision: string | null;
  grants: Array<{ kind: string; field: string; basis: string | null; live: boolean }>;
}

function answer(body: GraphQLBody, field: string): RequestView {
  expect(body.errors).toBeUndefined();
  return body.data?.[field] as RequestView;
}

/** The actions recorded for one request, in the chain's order. */
async function actionsOf(platform: TestPlatform, id: string): Promise<string[]> {
  const rows = await platform.store.db.selectFrom('governance_events').select('action').where('subject_id', '=', id).orderBy('seq').execute();
  return rows.map((row) => row.action);
}

function clients(platform: TestPlatform) {
  return {
    civil: () => platform.client({ dept: 'civil-affairs', app: 'means-test' }),
    hrAdmin: () => platform.client({ dept: 'human-resources', app: 'human-resources-admin', roles: ['consumer', 'provider-admin'] }),
    psAdmin: () => platform.client({ dept: 'public-security', app: 'public-security-admin', roles: ['provider-admin'] }),
    office: () => platform.client({ dept: 'info-center', app: 'info-center-admin', roles: ['platform-admin'] }),
    reader: (purpose: string) => platform.client({ dept: 'civil-affairs', app: 'means-test', purpose }),
  };
}

async function apply(platform: TestPlatform, fields: string[], purpose = 'ADMINISTRATIVE_BASIS'): Promise<RequestView> {
  const { body } = await clients(platform)
    .civil()
    .query(
      `mutation($fields: [String!]!, $purpose: Purpose!) { requestAccess(input: { fields: $fields, purpose: $purpose, justification: "最低生活保障资格审核" }) { ${STEP_FIELDS} } }`,
      {
        fields,
        purpose,
      },
    );
  return answer(body, 'requestAccess');
}

const mutate = async (client: ReturnType<ReturnType<typeof clients>['civil']>, field: string, document: string, variables: Record<string, unknown>) =>
  answer((await client.query(document, variables)).body, field);

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
        '{ regulationProfile { name purposes providerAnswerWorkingDays complianceCheckWorkingDays negotiationWorkingDays escalation disputeAnswerWorkingDays catalogReviewWorkingDays grantMaxValidityDays } }',
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

describe.each(STORE_BACKENDS)('regulation profile provincial-two-step on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  beforeAll(
    async () =>
      void ({ platform, database } = await startStoreBackedPlatform(createDatabase, { regulationProfile: requireShippedProfile('provincial-two-step') })),
  );
  afterAll(() => stopStoreBackedPlatform(platform, database));
  const as = () => clients(platform);

  it('when REGULATION_PROFILE names provincial-two-step, then governance says so: a compliance check of 2 working days, answers of 5 or 10, no city referral', async () => {
    const { body } = await as()
      .civil()
      .query('{ regulationProfile { name complianceCheckWorkingDays providerAnswerWorkingDays providerAnswerIfPublicationNeededWorkingDays escalation } }');
    expect(body.data?.['regulationProfile']).toEqual({
      name: 'provincial-two-step',
      complianceCheckWorkingDays: 2,
      providerAnswerWorkingDays: 5,
      providerAnswerIfPublicationNeededWorkingDays: 10,
      escalation: ['NEGOTIATION', 'COORDINATION_OFFICE'],
    });
  });

  it('when a request is made, then the operator checks its compliance within 2 working days, and then the provider answers within 5 working days for items already shared', async () => {
    onTestFinished(() => platform.governanceClock.reset());
    platform.governanceClock.set('2026-09-21T10:00:00+08:00'); // Monday
    const request = await apply(platform, ['Resident.monthlyPension'], 'DATA_VERIFICATION');
    expect(request).toMatchObject({ status: 'COMPLIANCE_CHECK', dueDate: '2026-09-23', regulationProfile: 'provincial-two-step' });
    const early = await as().hrAdmin().query('mutation($id: ID!) { decideAccessRequest(id: $id, approve: true) { status } }', { id: request.id });
    expect(failure(early.body)?.code).toBe('CONFLICT');
    const byProvider = await as().hrAdmin().query('mutation($id: ID!) { checkCompliance(id: $id, pass: true) { status } }', { id: request.id });
    expect(failure(byProvider.body)?.code).toBe('FORBIDDEN');

    platform.governanceClock.set('2026-09-22T10:00:00+08:00');
    const passed = await mutate(
      as().office(),
      'checkCompliance',
      `mutation($id: ID!) { checkCompliance(id: $id, pass: true, reason: "用途与履职相符") { ${STEP_FIELDS} } }`,
      {
        id: request.id,
      },
    );
    // 5 working days from Tuesday 22 September, Friday 25 September off.
    expect(passed).toMatchObject({ status: 'PENDING', dueDate: '2026-09-30' });
    const approved = await mutate(
      as().hrAdmin(),
      'decideAccessRequest',
      `mutation($id: ID!) { decideAccessRequest(id: $id, approve: true) { ${STEP_FIELDS} } }`,
      {
        id: request.id,
      },
    );
    expect(approved.status).toBe('APPROVED');
    expect(await actionsOf(platform, request.id)).toEqual(['submitted', 'compliance-passed', 'approved']);
  });

  it('when the provider must first publish the items, then its answer is due in 10 working days; a compliance check crossing an unknown year is provisional', async () => {
    onTestFinished(() => platform.governanceClock.reset());
    platform.governanceClock.set('2026-09-22T10:00:00+08:00');
    const request = await apply(platform, ['Resident.pensionStatus'], 'DATA_VERIFICATION');
    const passed = await mutate(
      as().office(),
      'checkCompliance',
      `mutation($id: ID!) { checkCompliance(id: $id, pass: true, publicationNeeded: true) { ${STEP_FIELDS} publicationNeeded } }`,
      { id: request.id },
    );
    // 10 working days from 22 September: 1–7 October off, Saturday 10 October worked (调休).
    expect(passed).toMatchObject({ status: 'PENDING', dueDate: '2026-10-13', publicationNeeded: true });

    platform.governanceClock.set('2026-12-31T10:00:00+08:00');
    const late = await apply(platform, ['Enterprise.insuredEmployees'], 'DATA_VERIFICATION');
    expect(late).toMatchObject({ status: 'COMPLIANCE_CHECK', dueDateProvisional: true });
  });

  it('when the operator finds a request not compliant, then it must say why, and the request ends there', async () => {
    const request = await apply(platform, ['Resident.socialInsurance'], 'WORK_REFERENCE');
    const noReason = await as().office().query('mutation($id: ID!) { checkCompliance(id: $id, pass: false) { status } }', { id: request.id });
    expect(failure(noReason.body)).toEqual({ code: 'BAD_USER_INPUT', message: 'A request found not compliant must be told why' });
    const refused = await as()
      .office()
      .query(
        'mutation($id: ID!) { checkCompliance(id: $id, pass: false, reason: "工作参考用途不需参保明细") { status complianceReason complianceCheckedBy } }',
        {
          id: request.id,
        },
      );
    expect(refused.body.data?.['checkCompliance']).toEqual({
      status: 'COMPLIANCE_REFUSED',
      complianceReason: '工作参考用途不需参保明细',
      complianceCheckedBy: 'info-center-admin',
    });
    const escalate = await as().civil().query('mutation($id: ID!) { escalateAccessRequest(id: $id, reason: "确需") { status } }', { id: request.id });
    expect(failure(escalate.body)?.code).toBe('CONFLICT');
  });

  it('when the provider refuses, then the two departments negotiate before the coordination office decides; there is no referral to the city', async () => {
    const request = await apply(platform, ['Resident.householdRelation'], 'ADMINISTRATIVE_BASIS');
    await mutate(as().office(), 'checkCompliance', 'mutation($id: ID!) { checkCompliance(id: $id, pass: true) { status } }', { id: request.id });
    await mutate(
      as().psAdmin(),
      'decideAccessRequest',
      'mutation($id: ID!) { decideAccessRequest(id: $id, approve: false, reason: "户籍关系不予共享") { status } }',
      {
        id: request.id,
      },
    );
    const negotiating = await mutate(
      as().civil(),
      'escalateAccessRequest',
      'mutation($id: ID!) { escalateAccessRequest(id: $id, reason: "确需") { status } }',
      {
        id: request.id,
      },
    );
    expect(negotiating.status).toBe('NEGOTIATING');
    await mutate(as().psAdmin(), 'recordNegotiation', 'mutation($id: ID!) { recordNegotiation(id: $id, outcome: FAILED, text: "协商未果") { status } }', {
      id: request.id,
    });
    const refer = await as().office().query('mutation($id: ID!) { referToCity(id: $id, reason: "报请") { status } }', { id: request.id });
    expect(failure(refer.body)).toEqual({
      code: 'CONFLICT',
      message: 'The regulation profile provincial-two-step has no referral to the city leading group: the coordination office decides',
    });
    const closed = await mutate(as().office(), 'closeEscalation', 'mutation($id: ID!) { closeEscalation(id: $id, reason: "不予共享理由成立") { status } }', {
      id: request.id,
    });
    expect(closed.status).toBe('CLOSED');
    expect(await verifyGovernanceEvents(platform.store.db)).toMatchObject({ ok: true });
  });
});
