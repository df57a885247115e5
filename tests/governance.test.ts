/**
 * Governance end to end over HTTP, on embedded PGlite and on the machine's real PostgreSQL: a
 * department applies, the provider decides, the coordination office arbitrates, and every decision
 * takes effect on the very next request, without a restart.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { addCalendarDays, chinaDate } from '../policies/governance/china-date.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { startStoreBackedPlatform, stopStoreBackedPlatform, type GraphQLBody, type TestPlatform } from './support/test-platform.ts';

const PENSION_QUERY = `{ resident(citizenId: "${DEMO.resident}") { name monthlyPension } }`;
/** Within both the default validity of a request and the longest validity of a grant. */
const SOON = addCalendarDays(chinaDate(new Date()), 180);
const REQUEST_FIELDS =
  'id status fields purpose requestedBy requestingDepartment provider dueDate overdue decidedAt reason grants { id field live validUntil }';

function pensionOf(body: GraphQLBody): unknown {
  return (body.data?.['resident'] as Record<string, unknown> | undefined)?.['monthlyPension'];
}

function errorCodes(body: GraphQLBody): unknown[] {
  return (body.errors ?? []).map((e) => e.extensions?.['code']);
}

describe.each(STORE_BACKENDS)('governance on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  beforeAll(async () => void ({ platform, database } = await startStoreBackedPlatform(createDatabase)));
  afterAll(() => stopStoreBackedPlatform(platform, database));

  const reader = () => platform.client({ dept: 'approval', purpose: 'DATA_VERIFICATION' });
  const approvalApp = () => platform.client({ dept: 'approval', app: 'approval-admin', roles: ['consumer', 'provider-admin'] });
  const hrAdmin = () => platform.client({ dept: 'human-resources', app: 'human-resources-admin', roles: ['consumer', 'provider-admin'] });
  const operator = () => platform.client({ dept: 'info-center', app: 'info-center-admin', roles: ['platform-admin'] });

  async function apply(fields: string[], purpose = 'DATA_VERIFICATION', extra = '') {
    const { body } = await approvalApp().query(
      `mutation($fields: [String!]!, $purpose: Purpose!) { requestAccess(input: { fields: $fields, purpose: $purpose, justification: "核验企业法定代表人资格", matter: "食品经营许可审批" ${extra} }) { ${REQUEST_FIELDS} } }`,
      { fields, purpose },
    );
    return body;
  }

  it('art-13: when a department applies and the provider approves, then the value flows on the next request; when revoked, it stops', async () => {
    const before = await reader().query(PENSION_QUERY);
    expect(pensionOf(before.body)).toBeNull();
    expect(before.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_FIELD', requestable: true });

    const applied = await apply(['Resident.monthlyPension']);
    const request = applied.data?.['requestAccess'] as Record<string, unknown>;
    expect(request).toMatchObject({
      status: 'PENDING',
      provider: 'human-resources',
      requestingDepartment: 'approval',
      requestedBy: 'approval-admin',
      overdue: false,
      grants: [],
    });

    const decided = await hrAdmin().query(`mutation($id: ID!) { decideAccessRequest(id: $id, approve: true, reason: "符合共享条件") { ${REQUEST_FIELDS} } }`, {
      id: request['id'],
    });
    expect(decided.body.errors).toBeUndefined();
    const approved = decided.body.data?.['decideAccessRequest'] as { status: string; grants: Array<{ id: string; field: string; live: boolean }> };
    expect(approved.status).toBe('APPROVED');
    expect(approved.grants).toEqual([expect.objectContaining({ field: 'Resident.monthlyPension', live: true })]);

    const after = await reader().query(PENSION_QUERY);
    expect(after.body.errors).toBeUndefined();
    expect(pensionOf(after.body)).toEqual(expect.any(Number));

    const mine = await approvalApp().query('{ myGrants { field purpose live action } }');
    const reads = (mine.body.data?.['myGrants'] as Array<{ action: string }>).filter((grant) => grant.action === 'READ');
    expect(reads).toEqual([{ field: 'Resident.monthlyPension', purpose: 'DATA_VERIFICATION', live: true, action: 'READ' }]);

    const revoked = await hrAdmin().query(`mutation($id: ID!) { revokeGrant(id: $id, reason: "核验事项已办结") { live revokeReason } }`, {
      id: approved.grants[0]!.id,
    });
    expect(revoked.body.data?.['revokeGrant']).toEqual({ live: false, revokeReason: '核验事项已办结' });
    expect(pensionOf((await reader().query(PENSION_QUERY)).body)).toBeNull();
  });

  it('art-13: when the requesting department tries to decide its own request, then FORBIDDEN', async () => {
    const id = ((await apply(['Resident.pensionStatus'])).data?.['requestAccess'] as { id: string }).id;
    const { body } = await approvalApp().query('mutation($id: ID!) { decideAccessRequest(id: $id, approve: true) { status } }', { id });
    expect(errorCodes(body)).toEqual(['FORBIDDEN']);
    expect(body.errors?.[0]?.message).toMatch(/No one decides their own request/);
  });

  it('art-13: refusal requires a reason; the refused request the consumer still needs is negotiated, and when that fails the coordination office grants an exception', async () => {
    const id = ((await apply(['Resident.socialInsurance'])).data?.['requestAccess'] as { id: string }).id;
    const noReason = await hrAdmin().query('mutation($id: ID!) { decideAccessRequest(id: $id, approve: false) { status } }', { id });
    expect(errorCodes(noReason.body)).toEqual(['BAD_USER_INPUT']);
    expect(noReason.body.errors?.[0]?.message).toBe('A refusal must give its reason (art. 13)');

    const refused = await hrAdmin().query(
      'mutation($id: ID!) { decideAccessRequest(id: $id, approve: false, reason: "参保明细属个人隐私，核验事项无需") { status reason } }',
      { id },
    );
    expect(refused.body.data?.['decideAccessRequest']).toEqual({ status: 'REFUSED', reason: '参保明细属个人隐私，核验事项无需' });

    const escalated = await approvalApp().query('mutation($id: ID!) { escalateAccessRequest(id: $id, reason: "许可审批确需核验参保状态") { status } }', { id });
    expect(escalated.body.data?.['escalateAccessRequest']).toEqual({ status: 'NEGOTIATING' });
    const failed = await approvalApp().query(
      'mutation($id: ID!) { recordNegotiation(id: $id, outcome: FAILED, text: "提供部门坚持参保明细不予共享") { status negotiationOutcome } }',
      { id },
    );
    expect(failed.body.data?.['recordNegotiation']).toEqual({ status: 'ESCALATED', negotiationOutcome: 'FAILED' });

    const notOperator = await hrAdmin().query(
      `mutation($id: ID!) { grantException(input: { department: "approval", fields: ["Resident.socialInsurance"], purpose: DATA_VERIFICATION, validUntil: "${SOON}", basis: "x", reason: "y", requestId: $id }) { id } }`,
      { id },
    );
    expect(errorCodes(notOperator.body)).toEqual(['FORBIDDEN']);
    const granted = await operator().query(
      `mutation($id: ID!) { grantException(input: { department: "approval", fields: ["Resident.socialInsurance"], purpose: DATA_VERIFICATION, validUntil: "${SOON}", basis: "《食品经营许可和备案管理办法》第十二条", reason: "协调办公室裁定", requestId: $id }) { kind basis live } }`,
      { id },
    );
    expect(granted.body.data?.['grantException']).toEqual([{ kind: 'EXCEPTION', basis: '《食品经营许可和备案管理办法》第十二条', live: true }]);
    const status = await approvalApp().query('query($id: ID!) { accessRequest(id: $id) { status } }', { id });
    expect(status.body.data?.['accessRequest']).toEqual({ status: 'EXCEPTION_GRANTED' });
    const value = await reader().query(`{ resident(citizenId: "${DEMO.resident}") { socialInsurance { contributionMonths } } }`);
    expect(value.body.errors).toBeUndefined();
  });

  it('art-13: when a request is made on a working day before National Day, then the answer is due ten working days later on the State Council calendar, and is overdue only after that day', async () => {
    onTestFinished(() => platform.governanceClock.reset());
    const requestOn = async (instant: string, field: string) => {
      platform.governanceClock.set(instant);
      return (await apply([field], 'WORK_REFERENCE')).data?.['requestAccess'] as { id: string; dueDate: string; overdue: boolean };
    };
    // 2026 schedule: 中秋节 09-25..09-27 and 国庆节 10-01..10-07 off; Sunday 09-20 and Saturday 10-10 worked (调休).
    // Monday 09-28: 09-29 (1), 09-30 (2), 10-08 (3), 10-09 (4), Sat 10-10 (5), 10-12 (6), 10-13 (7), 10-14 (8), 10-15 (9), 10-16 (10).
    const monday = await requestOn('2026-09-28T09:30:00+08:00', 'Resident.householdAddress');
    expect(monday).toMatchObject({ dueDate: '2026-10-16', overdue: false });
    // Friday 09-18: Sun 09-20 (1), 09-21 (2), 09-22 (3), 09-23 (4), 09-24 (5), 09-28 (6), 09-29 (7), 09-30 (8), 10-08 (9), 10-09 (10).
    const friday = await requestOn('2026-09-18T16:00:00+08:00', 'Resident.householdRelation');
    expect(friday).toMatchObject({ dueDate: '2026-10-09', overdue: false });

    const state = async () =>
      (await approvalApp().query('query($id: ID!) { accessRequest(id: $id) { overdue } }', { id: monday.id })).body.data?.['accessRequest'];
    const escalate = () => approvalApp().query('mutation($id: ID!) { escalateAccessRequest(id: $id, reason: "逾期未答复") { status } }', { id: monday.id });
    platform.governanceClock.set('2026-10-16T23:59:00+08:00');
    expect(await state()).toEqual({ overdue: false });
    expect((await escalate()).body.errors?.[0]).toMatchObject({ message: expect.stringContaining('due by 2026-10-16'), extensions: { code: 'CONFLICT' } });
    platform.governanceClock.set('2026-10-17T00:01:00+08:00');
    expect(await state()).toEqual({ overdue: true });
    expect((await escalate()).body.data?.['escalateAccessRequest']).toEqual({ status: 'NEGOTIATING' });
  });

  it('art-16: when a dispute is reported on the Monday before National Day, then the answer is due five working days later, on the 调休 Saturday', async () => {
    onTestFinished(() => platform.governanceClock.reset());
    platform.governanceClock.set('2026-09-28T10:00:00+08:00');
    const { body } = await platform
      .client({ dept: 'civil-affairs', app: 'civil-affairs-app' })
      .query(
        `mutation { reportDispute(input: { field: "Resident.monthlyPension", entityKey: "${DEMO.resident}", description: "养老金发放月份有误", evidence: "周村农商行流水 2026-09" }) { dueDate overdue } }`,
      );
    // 09-29 (1), 09-30 (2), [10-01..10-07 国庆节], 10-08 (3), 10-09 (4), Saturday 10-10 (5, worked by 调休).
    expect(body.data?.['reportDispute']).toEqual({ dueDate: '2026-10-10', overdue: false });
  });

  it('art-13: when a NONE item is requested, then the two departments negotiate first, the provider cannot approve it, and after a failed negotiation the coordination office decides', async () => {
    const { body } = await platform
      .client({ dept: 'civil-affairs', app: 'civil-affairs-app' })
      .query(
        'mutation { requestAccess(input: { fields: ["Resident.criminalRecord"], purpose: ADMINISTRATIVE_BASIS, justification: "低保审核" }) { id status } }',
      );
    const request = body.data?.['requestAccess'] as { id: string; status: string };
    expect(request.status).toBe('NEGOTIATING');
    const psAdmin = platform.client({ dept: 'public-security', app: 'public-security-admin', roles: ['provider-admin'] });
    const attempt = await psAdmin.query('mutation($id: ID!) { decideAccessRequest(id: $id, approve: true) { status } }', { id: request.id });
    expect(errorCodes(attempt.body)).toEqual(['CONFLICT']);
    const agreed = await psAdmin.query('mutation($id: ID!) { recordNegotiation(id: $id, outcome: AGREED, text: "同意") { status } }', { id: request.id });
    expect(errorCodes(agreed.body)).toEqual(['BAD_USER_INPUT']);
    const failed = await psAdmin.query('mutation($id: ID!) { recordNegotiation(id: $id, outcome: FAILED, text: "犯罪记录依法不予共享") { status } }', {
      id: request.id,
    });
    expect(failed.body.data?.['recordNegotiation']).toEqual({ status: 'ESCALATED' });

    const noReason = await operator().query('mutation($id: ID!) { closeEscalation(id: $id, reason: " ") { status } }', { id: request.id });
    expect(errorCodes(noReason.body)).toEqual(['BAD_USER_INPUT']);
    const closed = await operator().query(
      'mutation($id: ID!) { closeEscalation(id: $id, reason: "低保审核无需犯罪记录，依法不予提供") { status reason decidedBy } }',
      { id: request.id },
    );
    expect(closed.body.data?.['closeEscalation']).toEqual({ status: 'CLOSED', reason: '低保审核无需犯罪记录，依法不予提供', decidedBy: 'info-center-admin' });
    const late = await operator().query(
      `mutation($id: ID!) { grantException(input: { department: "civil-affairs", fields: ["Resident.criminalRecord"], purpose: ADMINISTRATIVE_BASIS, validUntil: "${SOON}", basis: "x", reason: "y", requestId: $id }) { id } }`,
      { id: request.id },
    );
    expect(errorCodes(late.body)).toEqual(['CONFLICT']);
  });

  it('art-13: when input is invalid, then BAD_USER_INPUT names the problem', async () => {
    const unknown = await apply(['Resident.salary']);
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'Unknown data items: Resident.salary (use Type.field as listed in the catalog)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const past = await apply(['Resident.monthlyPension'], 'DATA_VERIFICATION', ', validUntil: "2020-01-01"');
    expect(past.errors?.[0]?.message).toBe('validUntil 2020-01-01 is in the past');
    const badDate = await apply(['Resident.monthlyPension'], 'DATA_VERIFICATION', ', validUntil: "2026-02-30"');
    expect(errorCodes(badDate)).toEqual(['BAD_USER_INPUT']);
  });

  it('when two administrators approve the same request at once, then exactly one decision and one set of grants stand', async () => {
    const id = ((await apply(['Resident.pensionStatus'], 'BUSINESS_COLLABORATION')).data?.['requestAccess'] as { id: string }).id;
    const decide = () => hrAdmin().query('mutation($id: ID!) { decideAccessRequest(id: $id, approve: true, reason: "同意") { status } }', { id });
    const results = await Promise.all([decide(), decide(), decide()]);
    const outcomes = results.map((r) => (r.body.errors ? r.body.errors[0]!.extensions?.['code'] : 'APPROVED')).sort();
    expect(outcomes).toEqual(['APPROVED', 'CONFLICT', 'CONFLICT']);
    const grants = await platform.store.db.selectFrom('grants').select('id').where('request_id', '=', id).execute();
    expect(grants).toHaveLength(1);

    const revoke = () => hrAdmin().query('mutation($id: ID!) { revokeGrant(id: $id, reason: "停止协同") { live } }', { id: grants[0]!.id });
    const revocations = await Promise.all([revoke(), revoke()]);
    expect(revocations.map((r) => (r.body.errors ? r.body.errors[0]!.extensions?.['code'] : 'REVOKED')).sort()).toEqual(['CONFLICT', 'REVOKED']);
  });

  it('art-16: when a consumer reports a doubtful value, then the provider sees and answers it and the data keeps flowing', async () => {
    const civil = platform.client({ dept: 'civil-affairs', app: 'civil-affairs-app', roles: ['consumer'] });
    const reported = await civil.query(
      `mutation { reportDispute(input: { field: "Resident.monthlyPension", entityKey: "${DEMO.resident}", description: "养老金数额与银行流水不符", evidence: "周村农商行流水 2026-05" }) { id status provider dueDate overdue } }`,
    );
    const dispute = reported.body.data?.['reportDispute'] as { id: string; status: string; provider: string; dueDate: string };
    expect(dispute).toMatchObject({ status: 'OPEN', provider: 'human-resources', overdue: false });

    const providerView = await hrAdmin().query('{ disputes(status: OPEN) { id field } }');
    expect(providerView.body.data?.['disputes']).toContainEqual({ id: dispute.id, field: 'Resident.monthlyPension' });
    const outsider = await approvalApp().query('{ disputes { id } }');
    expect(outsider.body.data?.['disputes']).not.toContainEqual({ id: dispute.id });

    const stillFlowing = await platform.client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS' }).query(PENSION_QUERY);
    expect(pensionOf(stillFlowing.body)).toEqual(expect.any(Number));

    const answered = await hrAdmin().query(
      'mutation($id: ID!) { answerDispute(id: $id, answer: "经核对，数额含医疗补贴，无误", outcome: CONFIRMED) { status outcome } }',
      { id: dispute.id },
    );
    expect(answered.body.data?.['answerDispute']).toEqual({ status: 'ANSWERED', outcome: 'CONFIRMED' });
    const reporterView = await civil.query('{ disputes(status: ANSWERED) { id answer } }');
    expect(reporterView.body.data?.['disputes']).toContainEqual({ id: dispute.id, answer: '经核对，数额含医疗补贴，无误' });
  });

  it("art-9: when any department reads the catalog, then it lists items with the guide's elements; only the operator overrides", async () => {
    const { body } = await approvalApp().query(
      '{ catalog(provider: "public-security", shareType: NONE) { coordinate shareType basis classification provider providerCode resourceCode format shareMethod publishedOn } }',
    );
    expect(body.data?.['catalog']).toEqual([
      expect.objectContaining({
        coordinate: 'Resident.criminalRecord',
        shareType: 'NONE',
        classification: 'BASE',
        provider: 'public-security',
        providerCode: '11370306004330001Y',
        basis: expect.stringContaining('公安机关办理犯罪记录查询工作规定'),
      }),
    ]);
    const denied = await hrAdmin().query(
      'mutation { reviewCatalogItem(coordinate: "Resident.name", override: { updateCycle: "REAL_TIME" }, reason: "x") { updateCycle } }',
    );
    expect(errorCodes(denied.body)).toEqual(['FORBIDDEN']);
    const reviewed = await operator().query(
      'mutation { reviewCatalogItem(coordinate: "Resident.name", override: { updateCycle: "REAL_TIME" }, reason: "户籍信息实时更新") { updateCycle overridden reviewedBy shareType } }',
    );
    expect(reviewed.body.data?.['reviewCatalogItem']).toEqual({
      updateCycle: 'REAL_TIME',
      overridden: true,
      reviewedBy: 'info-center-admin',
      shareType: 'UNCONDITIONAL',
    });
  });

  it('art-21: when the registry is read, then every department lists its sharing administrators', async () => {
    const { body } = await approvalApp().query('{ departments { code name administrators } }');
    // The district's seven departments, as the regulation's registry names them; each starts with one administrator.
    expect(body.data?.['departments']).toEqual(
      expect.arrayContaining([
        { code: 'public-security', name: '区公安分局', administrators: ['public-security-admin'] },
        { code: 'market-regulation', name: '区市场监督管理局', administrators: ['market-regulation-admin'] },
        { code: 'human-resources', name: '区人力资源和社会保障局', administrators: ['human-resources-admin'] },
        { code: 'approval', name: '区行政审批服务局', administrators: ['approval-admin'] },
        { code: 'natural-resources', name: '区自然资源局', administrators: ['natural-resources-admin'] },
        { code: 'civil-affairs', name: '区民政局', administrators: ['civil-affairs-admin'] },
        { code: 'info-center', name: '区信息中心', administrators: ['info-center-admin'] },
      ]),
    );
    expect(body.data?.['departments']).toHaveLength(7);
  });

  it('when anything changes, then an event records actor, time and reason, and nothing is deleted', async () => {
    const refusedId = ((await apply(['Resident.householdRelation'], 'BUSINESS_COLLABORATION')).data?.['requestAccess'] as { id: string }).id;
    const psAdmin = platform.client({ dept: 'public-security', app: 'public-security-admin', roles: ['consumer', 'provider-admin'] });
    await psAdmin.query('mutation($id: ID!) { decideAccessRequest(id: $id, approve: false, reason: "户内关系不属协同事项") { status } }', { id: refusedId });
    const approvedId = ((await apply(['Resident.householdAddress'], 'BUSINESS_COLLABORATION')).data?.['requestAccess'] as { id: string }).id;
    const approved = await psAdmin.query('mutation($id: ID!) { decideAccessRequest(id: $id, approve: true, reason: "同意协同") { grants { id } } }', {
      id: approvedId,
    });
    const grantId = (approved.body.data?.['decideAccessRequest'] as { grants: Array<{ id: string }> }).grants[0]!.id;
    await psAdmin.query('mutation($id: ID!) { revokeGrant(id: $id, reason: "协同事项已办结") { live } }', { id: grantId });

    const events = await platform.store.db
      .selectFrom('governance_events')
      .select(['subject_id', 'action', 'actor', 'reason', 'at'])
      .where('subject_id', 'in', [refusedId, approvedId, grantId])
      .orderBy('seq')
      .execute();
    expect(events.map(({ at: _at, ...event }) => event)).toEqual([
      { subject_id: refusedId, action: 'submitted', actor: 'approval-admin', reason: '核验企业法定代表人资格' },
      { subject_id: refusedId, action: 'refused', actor: 'public-security-admin', reason: '户内关系不属协同事项' },
      { subject_id: approvedId, action: 'submitted', actor: 'approval-admin', reason: '核验企业法定代表人资格' },
      { subject_id: approvedId, action: 'approved', actor: 'public-security-admin', reason: '同意协同' },
      { subject_id: grantId, action: 'revoked', actor: 'public-security-admin', reason: '协同事项已办结' },
    ]);
    for (const event of events) expect(Date.now() - new Date(event.at).getTime()).toBeLessThan(5 * 60_000);
    const requests = await platform.store.db
      .selectFrom('access_requests')
      .select(['id', 'status'])
      .where('id', 'in', [refusedId, approvedId])
      .orderBy('status')
      .execute();
    expect(requests).toEqual([
      { id: approvedId, status: 'APPROVED' },
      { id: refusedId, status: 'REFUSED' },
    ]);
    const grant = await platform.store.db.selectFrom('grants').select(['revoked_by', 'revoke_reason']).where('id', '=', grantId).executeTakeFirstOrThrow();
    expect(grant).toEqual({ revoked_by: 'public-security-admin', revoke_reason: '协同事项已办结' });
  });

  it('when a grant reaches validUntil, then it stops by itself', async () => {
    const now = Date.now();
    await platform.store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('grants')
        .values({
          id: `short-${now}`,
          kind: 'REQUEST',
          dept: 'approval',
          field: 'Resident.monthlyPension',
          purpose: 'WORK_REFERENCE',
          valid_from: new Date(now - 1000),
          valid_until: new Date(now + 3000),
          request_id: null,
          basis: null,
          granted_by: 'test',
          granted_at: new Date(now),
        })
        .execute();
      await trx
        .updateTable('platform_state')
        .set({ value: sql`value + 1` })
        .where('key', '=', 'grants_version')
        .execute();
    });
    const client = platform.client({ dept: 'approval', purpose: 'WORK_REFERENCE' });
    await expect.poll(async () => pensionOf((await client.query(PENSION_QUERY)).body), { timeout: 2500, interval: 100 }).toEqual(expect.any(Number));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, now + 3100 - Date.now())));
    expect(pensionOf((await client.query(PENSION_QUERY)).body)).toBeNull();
  });

  it('when governance is used without a purpose header, then it works; a data query still needs one', async () => {
    const governance = await approvalApp().query('{ myGrants { id } }');
    expect(governance.status).toBe(200);
    const data = await approvalApp().query(PENSION_QUERY);
    expect(data.status).toBe(400);
  });
});
