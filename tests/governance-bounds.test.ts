/**
 * Governance a hostile department cannot bend, over HTTP on PGlite and on real PostgreSQL: roles
 * count only where the department registry bears them out, exceptions grant exactly what was
 * escalated, grants never outlive the configured longest validity, and a provider reading "who used
 * my data" sees only what concerns its own department.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, chinaDate } from '../policies/governance/china-date.ts';
import { seedStore } from '../subgraphs/info-center/seed.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { failure, startStoreBackedPlatform, stopStoreBackedPlatform, type TestPlatform } from './support/test-platform.ts';

/** The longest validity this platform is configured with (GRANT_MAX_VALIDITY_DAYS). */
const MAX_DAYS = 90;
const today = () => chinaDate(new Date());

describe.each(STORE_BACKENDS)('governance bounds on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  beforeAll(async () => void ({ platform, database } = await startStoreBackedPlatform(createDatabase, { grantMaxValidityDays: MAX_DAYS })));
  afterAll(() => stopStoreBackedPlatform(platform, database));

  const operator = () => platform.client({ dept: 'info-center', app: 'info-center-admin', roles: ['platform-admin'] });
  const civil = () => platform.client({ dept: 'civil-affairs', app: 'means-test', roles: ['consumer'] });
  const psAdmin = () => platform.client({ dept: 'public-security', app: 'public-security-admin', roles: ['consumer', 'provider-admin'] });

  async function apply(fields: string[], purpose = 'ADMINISTRATIVE_BASIS'): Promise<{ id: string; status: string; wantedUntil: string }> {
    const { body } = await civil().query(
      'mutation($fields: [String!]!, $purpose: Purpose!) { requestAccess(input: { fields: $fields, purpose: $purpose, justification: "低保资格审核" }) { id status wantedUntil } }',
      { fields, purpose },
    );
    expect(body.errors).toBeUndefined();
    return body.data?.['requestAccess'] as { id: string; status: string; wantedUntil: string };
  }

  const grantException = (input: Record<string, unknown>) =>
    operator().query('mutation($input: ExceptionInput!) { grantException(input: $input) { id kind department field purpose } }', {
      input: { basis: '《社会救助暂行办法》第十一条', reason: '协调办公室裁定', validUntil: addCalendarDays(today(), 30), ...input },
    });

  it('art-21: when an application not listed as sharing administrator claims provider-admin, then governance refuses it until the operator lists it, and again once removed', async () => {
    const deputy = () => platform.client({ dept: 'public-security', app: 'ps-deputy', roles: ['consumer', 'provider-admin'] });
    const request = await apply(['Resident.householdAddress']);
    const refused = await deputy().query('mutation($id: ID!) { decideAccessRequest(id: $id, approve: false, reason: "不符合条件") { status } }', {
      id: request.id,
    });
    expect(failure(refused.body)).toEqual({
      code: 'FORBIDDEN',
      message: 'ps-deputy is not a listed sharing administrator of public-security (art. 21); the platform operator keeps the list in the department registry',
    });
    expect(failure((await deputy().query('{ myGrants { id } }')).body)?.code).toBe('FORBIDDEN');

    const byProvider = await psAdmin().query(
      'mutation { appointSharingAdministrator(department: "public-security", user: "ps-deputy", reason: "分管副职") { code } }',
    );
    expect(failure(byProvider.body)?.code).toBe('FORBIDDEN');
    const appointed = await operator().query(
      'mutation { appointSharingAdministrator(department: "public-security", user: "ps-deputy", reason: "分管副职，局党委会议决定") { code administrators } }',
    );
    expect(appointed.body.data?.['appointSharingAdministrator']).toEqual({ code: 'public-security', administrators: ['public-security-admin', 'ps-deputy'] });

    const decided = await deputy().query('mutation($id: ID!) { decideAccessRequest(id: $id, approve: false, reason: "不符合条件") { status decidedBy } }', {
      id: request.id,
    });
    expect(decided.body.data?.['decideAccessRequest']).toEqual({ status: 'REFUSED', decidedBy: 'ps-deputy' });

    const removed = await operator().query(
      'mutation { removeSharingAdministrator(department: "public-security", user: "ps-deputy", reason: "岗位调整") { administrators } }',
    );
    expect(removed.body.data?.['removeSharingAdministrator']).toEqual({ administrators: ['public-security-admin'] });
    expect(failure((await deputy().query('{ accessRequests { id } }')).body)?.code).toBe('FORBIDDEN');
    const last = await operator().query(
      'mutation { removeSharingAdministrator(department: "public-security", user: "public-security-admin", reason: "岗位调整") { code } }',
    );
    expect(failure(last.body)).toEqual({
      code: 'CONFLICT',
      message: 'public-security-admin is the last sharing administrator of public-security: appoint the successor first (art. 21)',
    });

    const events = await platform.store.db
      .selectFrom('governance_events')
      .select(['action', 'actor', 'reason', 'details'])
      .where('subject_kind', '=', 'department')
      .where('subject_id', '=', 'public-security')
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { action: 'administrator-appointed', actor: 'info-center-admin', reason: '分管副职，局党委会议决定', details: { user: 'ps-deputy' } },
      { action: 'administrator-removed', actor: 'info-center-admin', reason: '岗位调整', details: { user: 'ps-deputy' } },
    ]);
    const rows = await platform.store.db.selectFrom('department_admins').select(['user_id', 'removed_by']).where('user_id', '=', 'ps-deputy').execute();
    expect(rows).toEqual([{ user_id: 'ps-deputy', removed_by: 'info-center-admin' }]);
  });

  it('art-21: when the operator removes a first administrator, then seeding at the next start does not bring it back, and the operator can list it again', async () => {
    const change = (mutation: string, user: string) =>
      operator().query(`mutation { ${mutation}(department: "natural-resources", user: "${user}", reason: "换届") { administrators } }`);
    await change('appointSharingAdministrator', 'nr-deputy');
    expect((await change('removeSharingAdministrator', 'natural-resources-admin')).body.data?.['removeSharingAdministrator']).toEqual({
      administrators: ['nr-deputy'],
    });
    await seedStore(platform.store.db);
    const registry = await operator().query('{ departments { code administrators } }');
    expect(registry.body.data?.['departments']).toContainEqual({ code: 'natural-resources', administrators: ['nr-deputy'] });
    expect((await change('appointSharingAdministrator', 'natural-resources-admin')).body.data?.['appointSharingAdministrator']).toEqual({
      administrators: ['nr-deputy', 'natural-resources-admin'],
    });
  });

  it('art-4: when a department other than the operator claims platform-admin, then governance refuses it', async () => {
    const impostor = platform.client({ dept: 'civil-affairs', app: 'civil-affairs-admin', roles: ['platform-admin'] });
    const granted = await impostor.query(
      `mutation { grantException(input: { department: "civil-affairs", fields: ["Resident.criminalRecord"], purpose: ADMINISTRATIVE_BASIS, validUntil: "${addCalendarDays(today(), 30)}", basis: "x", reason: "y" }) { id } }`,
    );
    expect(failure(granted.body)).toEqual({
      code: 'FORBIDDEN',
      message: 'platform-admin belongs to the platform operator (info-center) alone; a token of civil-affairs claiming it is refused (art. 4)',
    });
    expect(failure((await impostor.query('{ auditRecords { records { id } } }')).body)?.code).toBe('FORBIDDEN');
  });

  it('art-13: when an exception answers an escalated request, then it grants exactly that department, purpose and those items', async () => {
    const request = await apply(['Resident.criminalRecord']);
    expect(request.status).toBe('NEGOTIATING');
    const failed = await psAdmin().query('mutation($id: ID!) { recordNegotiation(id: $id, outcome: FAILED, text: "依法不予共享") { status } }', {
      id: request.id,
    });
    expect(failed.body.data?.['recordNegotiation']).toEqual({ status: 'ESCALATED' });
    const answer = (input: Record<string, unknown>) =>
      grantException({ department: 'civil-affairs', fields: ['Resident.criminalRecord'], purpose: 'ADMINISTRATIVE_BASIS', requestId: request.id, ...input });
    expect(failure((await answer({ department: 'approval' })).body)).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'The request was made by civil-affairs: an exception answering it grants civil-affairs only',
    });
    expect(failure((await answer({ department: 'info-center' })).body)?.code).toBe('FORBIDDEN');
    expect(failure((await answer({ purpose: 'WORK_REFERENCE' })).body)?.code).toBe('BAD_USER_INPUT');
    expect(failure((await answer({ fields: ['Resident.criminalRecord', 'Resident.householdAddress'] })).body)?.message).toBe(
      'An exception cannot add items that were not requested: Resident.householdAddress',
    );
    expect(failure((await answer({ validUntil: addCalendarDays(request.wantedUntil, 1) })).body)?.code).toBe('BAD_USER_INPUT');
    expect(await platform.store.db.selectFrom('grants').select('id').where('request_id', '=', request.id).execute()).toEqual([]);

    const granted = await answer({});
    expect(granted.body.data?.['grantException']).toEqual([
      expect.objectContaining({ kind: 'EXCEPTION', department: 'civil-affairs', field: 'Resident.criminalRecord', purpose: 'ADMINISTRATIVE_BASIS' }),
    ]);

    const grantId = (granted.body.data?.['grantException'] as Array<{ id: string }>)[0]!.id;
    const byProvider = await psAdmin().query('mutation($id: ID!) { revokeGrant(id: $id, reason: "本局不同意") { live } }', { id: grantId });
    expect(failure(byProvider.body)).toEqual({
      code: 'FORBIDDEN',
      message: 'An exceptional grant is revoked only by the coordination office (platform-admin) that granted it',
    });
    const byOffice = await operator().query('mutation($id: ID!) { revokeGrant(id: $id, reason: "裁定期满") { live } }', { id: grantId });
    expect(byOffice.body.data?.['revokeGrant']).toEqual({ live: false });
  });

  it("art-4: when an exception without a request names the operator's own department, then FORBIDDEN", async () => {
    const own = await grantException({ department: 'info-center', fields: ['Resident.criminalRecord'], purpose: 'WORK_REFERENCE' });
    expect(failure(own.body)).toEqual({
      code: 'FORBIDDEN',
      message: 'The coordination office never grants exceptional access to the platform operator (info-center) itself',
    });
    const noBasis = await grantException({ department: 'approval', fields: ['Resident.criminalRecord'], purpose: 'WORK_REFERENCE', basis: ' ' });
    expect(failure(noBasis.body)?.message).toBe('An exceptional grant must be recorded with its legal basis');
  });

  it('art-13: when a pending request is past its due date, then the requesting department can take it to negotiation; before, CONFLICT', async () => {
    const request = await apply(['Resident.householdRelation']);
    const escalate = () =>
      civil().query('mutation($id: ID!) { escalateAccessRequest(id: $id, reason: "逾期未答复") { status escalationReason } }', { id: request.id });
    expect(failure((await escalate()).body)?.code).toBe('CONFLICT');
    await platform.store.db
      .updateTable('access_requests')
      .set({ due_date: addCalendarDays(today(), -1) })
      .where('id', '=', request.id)
      .execute();
    const byProvider = await psAdmin().query('mutation($id: ID!) { escalateAccessRequest(id: $id, reason: "x") { status } }', { id: request.id });
    expect(failure(byProvider.body)?.code).toBe('FORBIDDEN');
    expect((await escalate()).body.data?.['escalateAccessRequest']).toEqual({ status: 'NEGOTIATING', escalationReason: '逾期未答复' });
  });

  it('art-13: when a validity beyond the configured longest is asked for, or an approval would extend the request, then BAD_USER_INPUT; by default a request runs that longest validity', async () => {
    const latest = addCalendarDays(today(), MAX_DAYS);
    const tooLong = await civil().query(
      `mutation { requestAccess(input: { fields: ["Resident.householdAddress"], purpose: WORK_REFERENCE, justification: "x", validUntil: "${addCalendarDays(latest, 1)}" }) { id } }`,
    );
    expect(failure(tooLong.body)).toEqual({
      code: 'BAD_USER_INPUT',
      message: `validUntil ${addCalendarDays(latest, 1)} is too far ahead: a grant is valid for at most ${MAX_DAYS} days, until ${latest}`,
    });

    const request = await apply(['Resident.householdAddress'], 'WORK_REFERENCE');
    expect(request.wantedUntil).toBe(latest);
    const shorter = addCalendarDays(today(), 10);
    const asked = await civil().query(
      `mutation { requestAccess(input: { fields: ["Resident.householdAddress"], purpose: DATA_VERIFICATION, justification: "x", validUntil: "${shorter}" }) { id } }`,
    );
    const id = (asked.body.data?.['requestAccess'] as { id: string }).id;
    const longer = await psAdmin().query(
      `mutation($id: ID!) { decideAccessRequest(id: $id, approve: true, validUntil: "${addCalendarDays(shorter, 1)}") { status } }`,
      { id },
    );
    expect(failure(longer.body)).toEqual({
      code: 'BAD_USER_INPUT',
      message: `An approval may shorten the validity, never extend it: the request asks until ${shorter}`,
    });
    const approved = await psAdmin().query('mutation($id: ID!) { decideAccessRequest(id: $id, approve: true) { grantedUntil } }', { id });
    expect(approved.body.data?.['decideAccessRequest']).toEqual({ grantedUntil: shorter });
  });

  it("art-15: when a provider reads who used its data, then other departments' records show only its own items and its own provider entry, and filters on another provider return nothing of theirs", async () => {
    const means = platform.client({ dept: 'civil-affairs', app: 'means-test', purpose: 'ADMINISTRATIVE_BASIS' });
    const { body } = await means.query(`query Means { resident(citizenId: "${DEMO.resident}") { name monthlyPension criminalRecord } }`);
    expect((body.data?.['resident'] as Record<string, unknown>)['monthlyPension']).toEqual(expect.any(Number));
    const own = platform.client({ dept: 'human-resources', app: 'human-resources-admin', roles: ['provider-admin'], purpose: 'WORK_REFERENCE' });
    await own.query(`{ resident(citizenId: "${DEMO.resident}") { name monthlyPension } }`);

    const view = async (filter: string) => {
      const { body: page } = await own.query(
        `{ auditRecords(filter: ${filter}, first: 50) { records { department granted denied masked served { provider calls entities } } } }`,
      );
      expect(page.errors).toBeUndefined();
      return (
        page.data?.['auditRecords'] as { records: Array<{ department: string; granted: string[]; denied: string[]; served: Array<{ provider: string }> }> }
      ).records;
    };
    const others = await view('{ department: "civil-affairs" }');
    expect(others.length).toBeGreaterThan(0);
    for (const record of others) {
      expect(record).toEqual({
        department: 'civil-affairs',
        granted: ['Resident.monthlyPension'],
        denied: [],
        masked: [],
        served: [{ provider: 'human-resources', calls: 1, entities: 1 }],
      });
    }
    for (const filter of [
      '{ field: "Resident.name" }',
      '{ field: "Resident.criminalRecord" }',
      '{ provider: "public-security" }',
      '{ field: "Resident.nothing" }',
    ]) {
      expect((await view(filter)).filter((record) => record.department !== 'human-resources')).toEqual([]);
    }
    const ownRecords = await view('{ provider: "public-security" }');
    expect(ownRecords.length).toBeGreaterThan(0);
    expect(ownRecords[0]!.served.map((s) => s.provider).sort()).toEqual(['human-resources', 'public-security']);
    expect((await view('{ field: "Resident.monthlyPension" }')).some((record) => record.department === 'civil-affairs')).toBe(true);
  });
});
