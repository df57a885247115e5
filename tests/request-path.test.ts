/**
 * The request path end to end over real HTTP: six department subgraphs and the gateway, started in
 * this process on free ports, each subgraph call signed and verified.
 */
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../scripts/issue-token.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

const RESIDENT_QUERY = `{ resident(citizenId: "${DEMO.resident}") { name monthlyPension criminalRecord } }`;

/** A token of the demo issuer with exactly these claims and subject, none of them checked on the way out. */
function rawToken(claims: Record<string, unknown>, sub: string): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA' })
    .setIssuer('zhoucun-platform')
    .setAudience('zhoucun-gateway')
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(platform.tokenIssuer.privateKey);
}

function forbidden(body: { errors?: Array<{ extensions?: Record<string, unknown>; path?: unknown }> }) {
  return (body.errors ?? [])
    .filter((e) => e.extensions?.['code'] === 'FORBIDDEN_FIELD')
    .map((e) => ({ field: e.extensions?.['field'], path: e.path, shareType: e.extensions?.['shareType'], provider: e.extensions?.['provider'] }));
}

describe('the request path', () => {
  it('art-10: when a consumer asks for unconditional items of several departments, then one response carries them all', async () => {
    const { status, body } = await platform
      .client({ dept: 'civil-affairs', purpose: 'WORK_REFERENCE' })
      .query(
        `{ enterprise(creditCode: "${DEMO.enterprise}") { name legalRepresentative { citizenId name } } resident(citizenId: "${DEMO.resident}") { name } }`,
      );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      enterprise: { name: '淄博周村华丰丝绸有限公司', legalRepresentative: { citizenId: DEMO.legalRepresentative, name: '张建国' } },
      resident: { name: '王淑芬' },
    });
  });

  it('art-13: when civil-affairs holds the demo grant and declares ADMINISTRATIVE_BASIS, then it receives the monthly pension', async () => {
    const { body } = await platform.client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS' }).query(RESIDENT_QUERY);
    const resident = body.data?.['resident'] as Record<string, unknown>;
    expect(typeof resident['monthlyPension']).toBe('number');
    expect(resident['name']).toBe('王淑芬');
    expect(resident['criminalRecord']).toBeNull();
    expect(forbidden(body)).toEqual([
      { field: 'Resident.criminalRecord', path: ['resident', 'criminalRecord'], shareType: 'NONE', provider: 'public-security' },
    ]);
  });

  it('art-15: when the same department declares another purpose than its grant, then the pension is null with FORBIDDEN_FIELD', async () => {
    const { status, body } = await platform.client({ dept: 'civil-affairs', purpose: 'WORK_REFERENCE' }).query(RESIDENT_QUERY);
    expect(status).toBe(200);
    expect(body.data).toEqual({ resident: { name: '王淑芬', monthlyPension: null, criminalRecord: null } });
    const error = body.errors?.find((e) => e.extensions?.['field'] === 'Resident.monthlyPension');
    expect(error?.extensions).toMatchObject({ code: 'FORBIDDEN_FIELD', shareType: 'CONDITIONAL', provider: 'human-resources', requestable: true });
    expect(error?.path).toEqual(['resident', 'monthlyPension']);
  });

  it('art-13: when another department without a grant asks, then the pension is null', async () => {
    const { body } = await platform.client({ dept: 'approval', purpose: 'ADMINISTRATIVE_BASIS' }).query(RESIDENT_QUERY);
    expect((body.data?.['resident'] as Record<string, unknown>)['monthlyPension']).toBeNull();
  });

  it('art-11: when a NONE item is asked for, then it is null and the error says it can only be escalated', async () => {
    const { body } = await platform.client({ dept: 'human-resources', purpose: 'ADMINISTRATIVE_BASIS' }).query(RESIDENT_QUERY);
    const error = body.errors?.find((e) => e.extensions?.['field'] === 'Resident.criminalRecord');
    expect(error?.extensions).toMatchObject({ shareType: 'NONE', requestable: false, escalatable: true });
    expect((body.data?.['resident'] as Record<string, unknown>)['monthlyPension']).toEqual(expect.any(Number));
  });

  it('when the provider asks for its own items, then it reads them, NONE included', async () => {
    const { body } = await platform
      .client({ dept: 'public-security', purpose: 'WORK_REFERENCE' })
      .query(`{ resident(citizenId: "${DEMO.resident}") { criminalRecord householdAddress } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data?.['resident']).toEqual({ criminalRecord: expect.any(String), householdAddress: expect.stringContaining('周村区') });
  });

  it('when a denied field is reached through aliases, fragments and @include, then each place is null with its own path', async () => {
    const { body } = await platform.client({ dept: 'approval', purpose: 'DATA_VERIFICATION' }).query(
      `query Q($yes: Boolean!) {
        a: resident(citizenId: "${DEMO.resident}") { ...R p: monthlyPension @include(if: $yes) }
        b: enterprise(creditCode: "${DEMO.enterprise}") { legalRepresentative { ... on Resident { ...R } } }
      }
      fragment R on Resident { n: name c: criminalRecord }`,
      { yes: true },
    );
    expect(body.data).toEqual({ a: { n: '王淑芬', c: null, p: null }, b: { legalRepresentative: { n: '张建国', c: null } } });
    expect(
      forbidden(body)
        .map((e) => (e.path as string[]).join('.'))
        .sort(),
    ).toEqual(['a.c', 'a.p', 'b.legalRepresentative.c']);
  });

  it('when requests are batched, then each operation is authorized on its own', async () => {
    const { status, body } = await platform
      .client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS' })
      .post([
        { query: `{ resident(citizenId: "${DEMO.resident}") { monthlyPension } }` },
        { query: `{ resident(citizenId: "${DEMO.resident}") { criminalRecord } }` },
      ]);
    expect(status).toBe(200);
    const [first, second] = body as Array<{ data: { resident: Record<string, unknown> }; errors?: unknown[] }>;
    expect(first!.data.resident['monthlyPension']).toEqual(expect.any(Number));
    expect(second!.data.resident['criminalRecord']).toBeNull();
    expect(second!.errors).toHaveLength(1);
  });

  it('when X-Share-Mode is strict and a field would be denied, then nothing executes and FORBIDDEN_OPERATION lists the fields', async () => {
    const before = platform.subgraphCalls.length;
    const { status, body } = await platform.client({ dept: 'approval', purpose: 'WORK_REFERENCE', strict: true }).query(RESIDENT_QUERY);
    expect(status).toBe(403);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'FORBIDDEN_OPERATION', fields: ['Resident.monthlyPension', 'Resident.criminalRecord'] } }),
    ]);
    expect(platform.subgraphCalls.length).toBe(before);
  });

  it('when X-Share-Mode is strict and everything is allowed, then the operation runs normally', async () => {
    const { status, body } = await platform
      .client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS', strict: true })
      .query(`{ resident(citizenId: "${DEMO.resident}") { name monthlyPension } }`);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it('when a denied field is pruned, then the subgraph is never asked for it', async () => {
    platform.subgraphCalls.length = 0;
    await platform.client({ dept: 'approval', purpose: 'WORK_REFERENCE' }).query(RESIDENT_QUERY);
    const queries = platform.subgraphCalls.map((call) => call.query).join('\n');
    expect(queries).toContain('name');
    expect(queries).not.toMatch(/monthlyPension|criminalRecord/);
    expect(platform.subgraphCalls.every((call) => call.consumerDept === 'approval' && call.purpose === 'WORK_REFERENCE')).toBe(true);
  });
});

describe('step 1: authentication', () => {
  const post = (authorization: string | undefined) =>
    fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-share-purpose': 'WORK_REFERENCE', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query: RESIDENT_QUERY }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { errors: Array<{ message: string; extensions: { code: string } }> } }));

  it.each([
    ['no Authorization header', undefined],
    ['a malformed header', 'Bearer not-a-jwt'],
    ['a token of garbage', 'Bearer aaa.bbb.ccc'],
    ['Basic auth', 'Basic dXNlcjpwYXNz'],
  ])('art-5: when the request has %s, then it is 401 UNAUTHENTICATED with no stack trace', async (_label, authorization) => {
    const { status, body } = await post(authorization);
    expect(status).toBe(401);
    expect(body.errors[0]!.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|node_modules/);
  });

  it('art-5: when the token has expired, then it is 401 and says so', async () => {
    const token = await issueToken(platform.tokenIssuer.privateKey, { dept: 'civil-affairs', expiresIn: Math.floor(Date.now() / 1000) - 10 });
    const { status, body } = await post(`Bearer ${token}`);
    expect(status).toBe(401);
    expect(body.errors[0]!.message).toMatch(/expired/);
  });

  it('art-5: when the token is signed by another key, then it is 401', async () => {
    const other = await generateKeyPair('EdDSA');
    const token = await issueToken(other.privateKey, { dept: 'civil-affairs' });
    expect((await post(`Bearer ${token}`)).status).toBe(401);
  });

  it('when the token names an unknown department or role, then it is 401', async () => {
    const unknownDept = await issueToken(platform.tokenIssuer.privateKey, { dept: 'tax-bureau' });
    expect((await post(`Bearer ${unknownDept}`)).status).toBe(401);
    const badRole = await rawToken({ dept: 'civil-affairs', roles: ['superuser'] }, 'x');
    expect((await post(`Bearer ${badRole}`)).status).toBe(401);
  });

  it.each([
    ['a NUL', 'app\u0000'],
    ['a right-to-left override', '\u202eppa'],
    ['more than 64 characters', 'a'.repeat(65)],
    ['Chinese characters', '人社门户'],
  ])("art-15: when the token's application id holds %s, then it is 401 and never reaches an audit record", async (_label, sub) => {
    const token = await rawToken({ dept: 'civil-affairs', roles: ['consumer'] }, sub);
    const { status, body } = await post(`Bearer ${token}`);
    expect(status).toBe(401);
    expect(body.errors[0]!.message).toMatch(/^Authentication failed: the token's application id \(sub\) must/);
  });

  it('when the token names a role many times, then it is 401', async () => {
    const token = await rawToken({ dept: 'civil-affairs', roles: Array.from({ length: 500 }, () => 'consumer') }, 'x');
    expect((await post(`Bearer ${token}`)).status).toBe(401);
  });
});

describe('step 2: purpose', () => {
  it('art-5: when a data query declares no purpose, then it is 400 PURPOSE_REQUIRED', async () => {
    const { status, body } = await platform.client({ dept: 'civil-affairs' }).query(RESIDENT_QUERY);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'PURPOSE_REQUIRED' });
    expect(body.data).toBeUndefined();
  });

  it('art-5: when the purpose is not one of the four, then it is 400 PURPOSE_REQUIRED naming the value', async () => {
    const { status, body } = await platform.client({ dept: 'civil-affairs', purpose: 'CURIOSITY' }).query(RESIDENT_QUERY);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/"CURIOSITY" is not a purpose of use/);
  });

  it('when the query is introspection only, then no purpose is needed', async () => {
    const { status, body } = await platform.client({ dept: 'civil-affairs' }).query('{ __schema { queryType { name } } }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it.each([
    ['a NUL', '%00'],
    ['a right-to-left override', '%E2%80%AE%E5%AE%A1%E6%A0%B8'],
    ['a C1 control as a raw Latin-1 byte', 'a\u0085b'],
    ['a zero-width space', '%E5%BC%A0%E2%80%8B%E4%B8%89'],
  ])('art-15: when X-Share-Matter decodes to %s, then it is 400 BAD_REQUEST and nothing is fetched', async (_label, matter) => {
    const calls = platform.subgraphCalls.length;
    const { status, body } = await platform
      .client({ dept: 'civil-affairs', purpose: 'WORK_REFERENCE' })
      .query(RESIDENT_QUERY, undefined, { 'x-share-matter': matter });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      {
        message: expect.stringMatching(/^X-Share-Matter must not contain control, format or separator characters \(found U\+[0-9A-F]{4}\)$/),
        extensions: { code: 'BAD_REQUEST' },
      },
    ]);
    expect(platform.subgraphCalls.length).toBe(calls);
  });

  it('when the operation name asked for holds a NUL, then it is 400 BAD_REQUEST', async () => {
    const { status, body } = await platform
      .client({ dept: 'civil-affairs', purpose: 'WORK_REFERENCE' })
      .post({ query: RESIDENT_QUERY, operationName: 'Q\u0000' });
    expect(status).toBe(400);
    expect(body).toEqual({
      errors: [{ message: 'operationName must not contain control, format or separator characters (found U+0000)', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('when the matter is longer than 128 characters, then it is 400 BAD_REQUEST', async () => {
    const { status, body } = await platform.client({ dept: 'civil-affairs', purpose: 'WORK_REFERENCE', matter: '审'.repeat(129) }).query(RESIDENT_QUERY);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_REQUEST' });
  });
});

describe('bad input', () => {
  const client = () => platform.client({ dept: 'civil-affairs', purpose: 'WORK_REFERENCE' });

  it('when a citizen ID literal has a wrong check character, then BAD_USER_INPUT says which and nothing is fetched', async () => {
    const { status, body } = await client().query('{ resident(citizenId: "370306198503120123") { name } }');
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: '"370306198503120123" is not a citizen ID: check character is 3, expected 2',
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
  });

  it('when a credit code variable is malformed, then BAD_USER_INPUT explains the format', async () => {
    const { status, body } = await client().query('query($c: CreditCode!) { enterprise(creditCode: $c) { name } }', { c: 'ABC' });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(body.errors?.[0]?.message).toMatch(/not a unified social credit code/);
  });

  it('when the body is not JSON, then 400 with a code and no stack trace', async () => {
    const { status, body } = await client().post('{"query": ');
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toMatch(/"code":"BAD_REQUEST"/);
    expect(JSON.stringify(body)).not.toMatch(/node_modules|at \w+ \(/);
  });

  it('when the query does not parse, then GRAPHQL_PARSE_FAILED', async () => {
    const { status, body } = await client().query('{ resident(citizenId: ');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('when a valid ID is not registered, then the resident is null without an error', async () => {
    const { body } = await client().query('{ resident(citizenId: "11010519491231002X") { name } }');
    expect(body).toEqual({ data: { resident: null } });
  });
});

describe('art-12: subgraphs answer only the gateway', () => {
  const direct = (url: string, query: string, authorization?: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query }),
    });

  it.each([
    ['a query', `{ resident(citizenId: "${DEMO.resident}") { criminalRecord } }`],
    ['_entities', `{ _entities(representations: [{ __typename: "Resident", citizenId: "${DEMO.resident}" }]) { ... on Resident { criminalRecord } } }`],
    ['_service', '{ _service { sdl } }'],
  ])('when %s is sent to a subgraph without the gateway signature, then it is 401', async (_label, query) => {
    const publicSecurity = platform.subgraphs.find((s) => s.name === 'public-security')!;
    const response = await direct(publicSecurity.url, query);
    expect(response.status).toBe(401);
    expect(await response.text()).not.toMatch(/无违法犯罪记录|有期徒刑/);
  });

  it('when a call is signed for another subgraph, then it is 401', async () => {
    const token = await new SignJWT({ dept: 'civil-affairs' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('zhoucun-gateway')
      .setAudience('market-regulation')
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(platform.gatewaySigning.privateKey);
    const publicSecurity = platform.subgraphs.find((s) => s.name === 'public-security')!;
    expect((await direct(publicSecurity.url, '{ _service { sdl } }', `Bearer ${token}`)).status).toBe(401);
  });

  it('when a gateway signature has expired, then it is 401', async () => {
    const past = Math.floor(Date.now() / 1000) - 120;
    const token = await new SignJWT({ dept: 'civil-affairs' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('zhoucun-gateway')
      .setAudience('public-security')
      .setSubject('x')
      .setIssuedAt(past)
      .setExpirationTime(past + 60)
      .sign(platform.gatewaySigning.privateKey);
    const publicSecurity = platform.subgraphs.find((s) => s.name === 'public-security')!;
    expect((await direct(publicSecurity.url, '{ _service { sdl } }', `Bearer ${token}`)).status).toBe(401);
  });

  it('when a consumer token (not a gateway signature) is sent to a subgraph, then it is 401', async () => {
    const token = await issueToken(platform.tokenIssuer.privateKey, { dept: 'public-security' });
    const publicSecurity = platform.subgraphs.find((s) => s.name === 'public-security')!;
    expect((await direct(publicSecurity.url, '{ _service { sdl } }', `Bearer ${token}`)).status).toBe(401);
  });
});
