/**
 * Governance records a department may not see do not exist for it, over HTTP on PGlite and on real
 * PostgreSQL: every look-up of one by id — revoking a grant, deciding, escalating or closing a
 * request, answering a dispute — answers NOT_FOUND with the same message as an id that was never
 * issued, so no answer tells an outsider that the record exists. The operator's `myGrants` lists
 * every department's grants; a department's lists the grants it holds.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../subgraphs/shared/district.ts';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { failure, startStoreBackedPlatform, stopStoreBackedPlatform, type Client, type GraphQLBody, type TestPlatform } from './support/test-platform.ts';

describe.each(STORE_BACKENDS)('governance visibility on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  beforeAll(async () => void ({ platform, database } = await startStoreBackedPlatform(createDatabase)));
  afterAll(() => stopStoreBackedPlatform(platform, database));

  const civil = () => platform.client({ dept: 'civil-affairs', app: 'means-test', roles: ['consumer'] });
  const hrAdmin = () => platform.client({ dept: 'human-resources', app: 'human-resources-admin', roles: ['consumer', 'provider-admin'] });
  const operator = () => platform.client({ dept: 'info-center', app: 'info-center-admin', roles: ['platform-admin'] });
  /** A sharing administrator of a department on neither side of anything below. */
  const outsider = () => platform.client({ dept: 'approval', app: 'approval-admin', roles: ['consumer', 'provider-admin'] });

  async function data<T>(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { body } = await client.query(query, variables);
    expect(body.errors).toBeUndefined();
    return Object.values(body.data ?? {})[0] as T;
  }

  const apply = (field: string) =>
    data<{ id: string }>(
      civil(),
      'mutation($f: String!) { requestAccess(input: { fields: [$f], purpose: ADMINISTRATIVE_BASIS, justification: "低保资格审核" }) { id } }',
      {
        f: field,
      },
    );

  /** civil-affairs applies for one human-resources item and human-resources approves: the grant's id. */
  async function approvedGrant(field: string): Promise<string> {
    const request = await apply(field);
    const decided = await data<{ grants: Array<{ id: string }> }>(
      hrAdmin(),
      'mutation($id: ID!) { decideAccessRequest(id: $id, approve: true, reason: "符合共享条件") { grants { id } } }',
      { id: request.id },
    );
    return decided.grants[0]!.id;
  }

  /** What `client` is told for `mutation` on `id`, and on an id never issued, with the ids taken out. */
  async function answers(client: Client, mutation: string, id: string) {
    const missing = randomUUID();
    const [seen, unknown] = await Promise.all([client.query(mutation, { id }), client.query(mutation, { id: missing })]);
    const plain = (body: GraphQLBody, of: string) => {
      const found = failure(body);
      return found && { ...found, message: found.message?.replace(of, '<id>') };
    };
    return { existing: plain(seen.body, id), missing: plain(unknown.body, missing) };
  }

  it('art-13: when a department on neither side revokes a grant, then NOT_FOUND, as for a grant that never was; its holder is FORBIDDEN, its provider revokes it', async () => {
    const grant = await approvedGrant('Resident.monthlyPension');
    const revoke = 'mutation($id: ID!) { revokeGrant(id: $id, reason: "停止协同") { live } }';

    expect(await answers(outsider(), revoke, grant)).toEqual({
      existing: { code: 'NOT_FOUND', message: 'No grant with id <id> is visible to your department' },
      missing: { code: 'NOT_FOUND', message: 'No grant with id <id> is visible to your department' },
    });
    expect(failure((await civil().query(revoke, { id: grant })).body)?.code).toBe('FORBIDDEN');
    expect(await data(hrAdmin(), revoke, { id: grant })).toEqual({ live: false });
  });

  it('art-13: when a department on neither side decides, escalates, negotiates, refers or closes a request, then NOT_FOUND, as for a request that never was', async () => {
    const pending = await apply('Resident.pensionStatus');
    const expected = { code: 'NOT_FOUND', message: 'No access request with id <id> is visible to your department' };
    const decide = 'mutation($id: ID!) { decideAccessRequest(id: $id, approve: false, reason: "不符合条件") { status } }';
    const escalate = 'mutation($id: ID!) { escalateAccessRequest(id: $id, reason: "确需核验") { status } }';
    const close = 'mutation($id: ID!) { closeEscalation(id: $id, reason: "不予共享") { status } }';
    const negotiate = 'mutation($id: ID!) { recordNegotiation(id: $id, outcome: FAILED, text: "未果") { status } }';
    const refer = 'mutation($id: ID!) { referToCity(id: $id, reason: "报请") { status } }';
    const city = 'mutation($id: ID!) { enterCityDecision(id: $id, approve: false, decision: "不予共享") { status } }';
    const compliance = 'mutation($id: ID!) { checkCompliance(id: $id, pass: true) { status } }';
    for (const mutation of [decide, escalate, negotiate, refer, city, compliance, close])
      expect(await answers(outsider(), mutation, pending.id)).toEqual({ existing: expected, missing: expected });
    expect(await data(outsider(), 'query($id: ID!) { accessRequest(id: $id) { id } }', { id: pending.id })).toBeNull();
    // the sides and the operator see it: what they are told is about the request, not whether it exists
    expect(failure((await civil().query(close, { id: pending.id })).body)?.code).toBe('FORBIDDEN');
    expect(failure((await operator().query(close, { id: pending.id })).body)?.code).toBe('CONFLICT');
  });

  it('art-16: when a department on neither side answers a dispute, then NOT_FOUND, as for a dispute that never was', async () => {
    const dispute = await data<{ id: string }>(
      civil(),
      `mutation { reportDispute(input: { field: "Resident.monthlyPension", entityKey: "${DEMO.resident}", description: "数额不符", evidence: "银行流水" }) { id } }`,
    );
    const answer = 'mutation($id: ID!) { answerDispute(id: $id, answer: "经核对无误", outcome: CONFIRMED) { status } }';
    const expected = { code: 'NOT_FOUND', message: 'No dispute with id <id> is visible to your department' };
    expect(await answers(outsider(), answer, dispute.id)).toEqual({ existing: expected, missing: expected });
  });

  it('art-9: when a department other than the operator reviews a catalog item, then FORBIDDEN whether the item exists or not; the operator gets NOT_FOUND only for one that does not', async () => {
    const review = (coordinate: string) =>
      `mutation { reviewCatalogItem(coordinate: "${coordinate}", override: { abstract: "养老金月领取额" }, reason: "目录审核") { coordinate } }`;
    for (const coordinate of ['Resident.monthlyPension', 'Resident.noSuchItem']) {
      expect(failure((await outsider().query(review(coordinate))).body)?.code).toBe('FORBIDDEN');
    }
    expect(failure((await operator().query(review('Resident.noSuchItem'))).body)).toEqual({
      code: 'NOT_FOUND',
      message: 'No catalog item with id Resident.noSuchItem is visible to your department',
    });
  });

  it('art-4, art-17: when the operator lists grants, then it sees every department’s; a department lists the grants it holds, a provider not those it gave', async () => {
    const grant = { id: await approvedGrant('Resident.socialInsurance'), department: 'civil-affairs', field: 'Resident.socialInsurance' };
    const listed = (client: Client) => data<Array<{ id: string; department: string; field: string }>>(client, '{ myGrants { id department field } }');
    expect(await listed(operator())).toContainEqual(grant);
    expect(await listed(civil())).toContainEqual(grant);
    expect(await listed(hrAdmin())).not.toContainEqual(grant);
    expect(await listed(outsider())).not.toContainEqual(grant);
    expect((await listed(civil())).every((row) => row.department === 'civil-affairs')).toBe(true);
  });
});
