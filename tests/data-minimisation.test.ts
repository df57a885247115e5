/**
 * Data minimisation end to end over real HTTP, on PGlite and on PostgreSQL: the demo's masked item
 * (public-security's household address, masked to the subdistrict as work reference) and its
 * row-scoped grant (market-regulation reads addresses only of residents registered in 大街街道), an
 * approval narrowed to a condition and a mask, and the audit records of both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../subgraphs/shared/district.ts';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { startStoreBackedPlatform, stopStoreBackedPlatform, type GraphQLBody, type TestPlatform } from './support/test-platform.ts';

const FULL_ADDRESS = {
  [DEMO.resident]: '山东省淄博市周村区丝绸路街道正阳路128号3号楼2单元401室',
  [DEMO.legalRepresentative]: '山东省淄博市周村区大街街道丝市街36号1号楼1单元102室',
};
const ADDRESS_QUERY = (citizenId: string) => `{ resident(citizenId: "${citizenId}") { name householdAddress } }`;
const IN_DAJIE = [{ householdSubdistrict: { $in: ['大街街道'] } }];

function codes(body: GraphQLBody): unknown[] {
  return (body.errors ?? []).map((error) => error.extensions?.['code']);
}

describe.each(STORE_BACKENDS)('data minimisation on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  beforeAll(async () => void ({ platform, database } = await startStoreBackedPlatform(createDatabase)));
  afterAll(() => stopStoreBackedPlatform(platform, database));

  const recordOf = async (requestId: string | null) =>
    platform.store.db
      .selectFrom('audit_records')
      .select(['masked', 'denied', 'granted', 'outcome'])
      .where('request_id', '=', requestId!)
      .executeTakeFirstOrThrow();

  it('art-23: when civil-affairs reads a household address as work reference, then it receives the subdistrict only, and the answer and the audit name the masked path', async () => {
    const { status, body, requestId } = await platform.client({ dept: 'civil-affairs', purpose: 'WORK_REFERENCE' }).query(ADDRESS_QUERY(DEMO.resident));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ resident: { name: '王淑芬', householdAddress: '山东省淄博市周村区丝绸路街道' } });
    expect((body as { extensions?: unknown }).extensions).toEqual({ masked: ['resident.householdAddress'] });
    expect(JSON.stringify(body)).not.toContain('正阳路');
    expect(await recordOf(requestId)).toMatchObject({ masked: ['Resident.householdAddress'], denied: [], outcome: 'SERVED' });
  });

  it('art-23: when the provider itself reads its masked item, then it reads it in full, with no masked note', async () => {
    const { body } = await platform.client({ dept: 'public-security', purpose: 'WORK_REFERENCE' }).query(ADDRESS_QUERY(DEMO.resident));
    expect(body.data).toEqual({ resident: { name: '王淑芬', householdAddress: FULL_ADDRESS[DEMO.resident] } });
    expect((body as { extensions?: unknown }).extensions).toBeUndefined();
  });

  it('art-13: when market-regulation reads addresses under its row-scoped grant, then a resident of 大街街道 is read in full and one of 丝绸路街道 is null with FORBIDDEN_ROW', async () => {
    const client = platform.client({ dept: 'market-regulation', purpose: 'ADMINISTRATIVE_BASIS' });
    const inside = await client.query(ADDRESS_QUERY(DEMO.legalRepresentative));
    expect(inside.body.errors).toBeUndefined();
    expect(inside.body.data).toEqual({ resident: { name: '张建国', householdAddress: FULL_ADDRESS[DEMO.legalRepresentative] } });
    // The attribute the condition reads was fetched, but not selected: it is not delivered.
    expect(JSON.stringify(inside.body)).not.toContain('householdSubdistrict');

    const outside = await client.query(ADDRESS_QUERY(DEMO.resident));
    expect(outside.body.data).toEqual({ resident: { name: '王淑芬', householdAddress: null } });
    expect(outside.body.errors).toEqual([
      {
        message: "Resident.householdAddress is shared with your department only for records that meet the grant's condition",
        path: ['resident', 'householdAddress'],
        extensions: { code: 'FORBIDDEN_ROW', field: 'Resident.householdAddress', provider: 'public-security', conditions: IN_DAJIE },
      },
    ]);
    expect(JSON.stringify(outside.body)).not.toContain('丝绸路街道');
    expect(await recordOf(outside.requestId)).toMatchObject({ denied: ['Resident.householdAddress'], outcome: 'PARTIAL' });
  });

  it('art-13: when rows in and out of the condition come in one list, under aliases and fragments, then each is decided alone', async () => {
    const { body } = await platform.client({ dept: 'market-regulation', purpose: 'ADMINISTRATIVE_BASIS' }).query(
      `query($ids: [CitizenId!]!) { people: residents(citizenIds: $ids) { ...Where } }
       fragment Where on Resident { home: householdAddress zcRow_householdSubdistrict: name }`,
      { ids: [DEMO.resident, DEMO.legalRepresentative] },
    );
    expect(body.data).toEqual({
      people: [
        { home: null, zcRow_householdSubdistrict: '王淑芬' },
        { home: FULL_ADDRESS[DEMO.legalRepresentative], zcRow_householdSubdistrict: '张建国' },
      ],
    });
    expect(body.errors?.map((error) => [error.extensions?.['code'], error.path])).toEqual([['FORBIDDEN_ROW', ['people', 0, 'home']]]);
  });

  it('art-13: when a provider approves a request narrowed to a condition and a mask, then the grant carries both and reads only so', async () => {
    const approval = platform.client({ dept: 'approval', app: 'approval-admin', roles: ['consumer', 'provider-admin'] });
    const applied = await approval.query(
      'mutation { requestAccess(input: { fields: ["Resident.householdAddress"], purpose: DATA_VERIFICATION, justification: "核验申请人户籍" }) { id } }',
    );
    const id = (applied.body.data?.['requestAccess'] as { id: string }).id;
    const admin = platform.client({ dept: 'public-security', app: 'public-security-admin', roles: ['consumer', 'provider-admin'] });
    const decide = (args: string) =>
      admin.query(`mutation($id: ID!) { decideAccessRequest(id: $id, approve: true ${args}) { status grants { mask condition { attribute anyOf } } } }`, {
        id,
      });

    const refused = await decide('condition: [{ attribute: "criminalRecord", anyOf: ["无违法犯罪记录"] }]');
    expect(codes(refused.body)).toEqual(['BAD_USER_INPUT']);
    expect(refused.body.errors?.[0]?.message).toContain('condition attribute criminalRecord is not an unconditional scalar item');
    const unfit = await decide('mask: AMOUNT_BAND');
    expect(unfit.body.errors?.[0]?.message).toBe('mask AMOUNT_BAND fits Int, Float items only, not Resident.householdAddress');

    const decided = await decide('mask: ADDRESS_TO_SUBDISTRICT, condition: [{ attribute: "householdSubdistrict", anyOf: ["丝绸路街道"] }]');
    expect(decided.body.errors).toBeUndefined();
    expect(decided.body.data?.['decideAccessRequest']).toEqual({
      status: 'APPROVED',
      grants: [{ mask: 'ADDRESS_TO_SUBDISTRICT', condition: [{ attribute: 'householdSubdistrict', anyOf: ['丝绸路街道'] }] }],
    });

    const reader = platform.client({ dept: 'approval', purpose: 'DATA_VERIFICATION' });
    const inside = await reader.query(ADDRESS_QUERY(DEMO.resident));
    expect(inside.body.data).toEqual({ resident: { name: '王淑芬', householdAddress: '山东省淄博市周村区丝绸路街道' } });
    const outside = await reader.query(ADDRESS_QUERY(DEMO.legalRepresentative));
    expect(outside.body.data).toEqual({ resident: { name: '张建国', householdAddress: null } });
    expect(codes(outside.body)).toEqual(['FORBIDDEN_ROW']);
  });

  it("art-23: when a provider approves civil-affairs' request narrowed to its open cases, then the grant says OPEN_CASE and opens only residents civil-affairs handles a 低保 application for", async () => {
    const civilAffairs = platform.client({ dept: 'civil-affairs', app: 'civil-affairs-admin', roles: ['consumer', 'provider-admin'] });
    const applied = await civilAffairs.query(
      'mutation { requestAccess(input: { fields: ["Resident.householdAddress"], purpose: BUSINESS_COLLABORATION, justification: "低保入户调查协同" }) { id action } }',
    );
    const { id, action } = applied.body.data?.['requestAccess'] as { id: string; action: string };
    expect(action).toBe('READ');
    const admin = platform.client({ dept: 'public-security', app: 'public-security-admin', roles: ['consumer', 'provider-admin'] });
    const decided = await admin.query(
      'mutation($id: ID!) { decideAccessRequest(id: $id, approve: true, condition: [{ kind: OPEN_CASE }]) { status grants { condition { kind attribute anyOf } } } }',
      { id },
    );
    expect(decided.body.data?.['decideAccessRequest']).toEqual({
      status: 'APPROVED',
      grants: [{ condition: [{ kind: 'OPEN_CASE', attribute: '@openCase', anyOf: ['HELD'] }] }],
    });
    const reader = platform.client({ dept: 'civil-affairs', purpose: 'BUSINESS_COLLABORATION' });
    const both = await reader.query(
      `{ a: resident(citizenId: "${DEMO.resident}") { householdAddress } b: resident(citizenId: "${DEMO.legalRepresentative}") { householdAddress } }`,
    );
    expect(both.body.data).toEqual({ a: { householdAddress: FULL_ADDRESS[DEMO.resident] }, b: { householdAddress: null } });
    expect(codes(both.body)).toEqual(['FORBIDDEN_ROW']);
    expect(both.body.errors?.[0]?.extensions?.['conditions']).toEqual([{ '@openCase': { $in: ['HELD'] } }]);
  });

  it('art-23: when a request of a department whose subgraph answers no open cases is narrowed to them, then BAD_USER_INPUT', async () => {
    const approval = platform.client({ dept: 'approval', app: 'approval-admin', roles: ['consumer', 'provider-admin'] });
    const applied = await approval.query(
      'mutation { requestAccess(input: { fields: ["Resident.householdAddress"], purpose: BUSINESS_COLLABORATION, justification: "核验申请人户籍" }) { id } }',
    );
    const id = (applied.body.data?.['requestAccess'] as { id: string }).id;
    const admin = platform.client({ dept: 'public-security', app: 'public-security-admin', roles: ['consumer', 'provider-admin'] });
    const refused = await admin.query('mutation($id: ID!) { decideAccessRequest(id: $id, approve: true, condition: [{ kind: OPEN_CASE }]) { status } }', {
      id,
    });
    expect(codes(refused.body)).toEqual(['BAD_USER_INPUT']);
    expect(refused.body.errors?.[0]?.message).toBe(
      "OPEN_CASE needs the requesting department's subgraph to answer its open cases (Query.approvalOpenCases); it does not",
    );
  });

  it('when a condition is oversized or holds hidden characters, then the approval is refused with BAD_USER_INPUT', async () => {
    const admin = platform.client({ dept: 'public-security', app: 'public-security-admin', roles: ['consumer', 'provider-admin'] });
    const many = Array.from({ length: 101 }, (_, index) => `街道${index}`);
    const attempts = [
      { condition: [{ attribute: 'householdSubdistrict', anyOf: many }] },
      { condition: [{ attribute: 'householdSubdistrict', anyOf: ['大街\u202E街道'] }] },
      { condition: [{ attribute: 'x'.repeat(10_000), anyOf: ['a'] }] },
      { condition: [{ kind: 'ANYTHING' }] },
      { condition: [{ kind: 'OPEN_CASE\u0000' }] },
    ];
    for (const variables of attempts) {
      const { body } = await admin.query(
        'mutation($condition: [RowConditionInput!]) { decideAccessRequest(id: "00000000-0000-0000-0000-000000000000", approve: true, condition: $condition) { id } }',
        variables,
      );
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    }
  });
});
