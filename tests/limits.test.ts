/**
 * The gateway's limits over real HTTP: hostile operations are refused before any work with a stable
 * code (and no subgraph is asked), bulk extraction by aliases, variables and batches is bounded by keys
 * per request and an entity budget, persisted queries are kept per department, and every refusal of
 * the HTTP edge answers in the documented error shape.
 */
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../gateway/authenticate/authenticate.ts';
import { district, DEMO } from '../subgraphs/shared/district.ts';
import { startTestPlatform, type GraphQLBody, type TestPlatform } from './support/test-platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ entityBudgetPerMinute: 150, limits: { responseBytes: 256 * 1024 } });
});
afterAll(async () => {
  await platform?.close();
});

const CITIZEN_IDS = district().residents.map((resident) => resident.citizenId);
const ids = (from: number, count: number) => JSON.stringify(CITIZEN_IDS.slice(from, from + count));
const client = (app = 'limits-test') => platform.client({ dept: 'civil-affairs', purpose: 'WORK_REFERENCE', app });
const codesOf = (body: unknown) => ((body as GraphQLBody).errors ?? []).map((error) => error.extensions?.['code']);

/** Sends `query`, expecting a refusal before any subgraph is asked; returns status and first error. */
async function refused(query: string, variables?: Record<string, unknown>) {
  const calls = platform.subgraphCalls.length;
  const { status, body } = await client().query(query, variables);
  expect(platform.subgraphCalls.length, 'no subgraph was asked').toBe(calls);
  expect(body.data).toBeUndefined();
  return { status, error: body.errors?.[0], body };
}

function fanOut(levels: number): string {
  const fragments = ['fragment F0 on Resident { name }'];
  for (let i = 1; i <= levels; i++) fragments.push(`fragment F${i} on Resident { ...F${i - 1} ...F${i - 1} }`);
  return `{ resident(citizenId: "${DEMO.resident}") { ...F${levels} } } ${fragments.join(' ')}`;
}

describe('cost bounded before any work', () => {
  it('when fragments spread each other twice 24 levels deep (2^24 fields), then OPERATION_TOO_COMPLEX and nothing runs', async () => {
    const { status, error } = await refused(fanOut(24));
    expect(status).toBe(400);
    expect(error?.extensions).toEqual({ code: 'OPERATION_TOO_COMPLEX', limit: 'selections', max: 500, found: 2 ** 24 + 1 });
  });

  it('when an operation holds more tokens than the parser reads, then OPERATION_TOO_COMPLEX (tokens)', async () => {
    const { status, error } = await refused(`{ ${'__typename '.repeat(4000)}}`);
    expect(status).toBe(400);
    expect(error).toEqual({
      message: 'The operation has more than 3000 tokens; at most 3000 are allowed',
      extensions: { code: 'OPERATION_TOO_COMPLEX', limit: 'tokens', max: 3000 },
    });
  });

  it.each([
    ['almost the largest body of nested selections', 80_000, '{a', '}'],
    ['1500 nested selections (within the token limit)', 1500, '{a', '}'],
    ['nested list values in an argument', 2000, '[', ']'],
  ])('when %s is sent, then OPERATION_TOO_COMPLEX before parsing, never a stack overflow', async (_label, depth, open, close) => {
    const query =
      open === '[' ? `{ residents(citizenIds: ${open.repeat(depth)}${close.repeat(depth)}) { name } }` : `${open.repeat(depth)}${close.repeat(depth)}`;
    const { status, error } = await refused(query);
    expect(status).toBe(400);
    expect(error).toEqual({
      message: 'The operation nests brackets more than 64 deep; at most 64 are allowed',
      extensions: { code: 'OPERATION_TOO_COMPLEX', limit: 'nesting', max: 64 },
    });
  });

  it('when 4 000 aliases of a data field are sent, then they never reach planning', async () => {
    const query = `{ ${Array.from({ length: 4_000 }, (_, i) => `a${i}: resident(citizenId: "${DEMO.resident}") { name }`).join(' ')} }`;
    const { status, error } = await refused(query);
    expect(status).toBe(400);
    expect(error?.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'tokens' });
  });

  it('when 250 aliases of a field fit the token limit, then OPERATION_TOO_COMPLEX (aliases)', async () => {
    const query = `{ resident(citizenId: "${DEMO.resident}") { ${Array.from({ length: 250 }, (_, i) => `a${i}: name`).join(' ')} } }`;
    expect((await refused(query)).error?.extensions).toEqual({ code: 'OPERATION_TOO_COMPLEX', limit: 'aliases', max: 200, found: 250 });
  });

  it('when __schema is aliased many times without a purpose, then OPERATION_TOO_COMPLEX (introspection)', async () => {
    const query = `{ ${Array.from({ length: 50 }, (_, i) => `s${i}: __schema { types { name fields { name } } }`).join(' ')} }`;
    const four = `{ ${Array.from({ length: 4 }, (_, i) => `s${i}: __schema { queryType { name } }`).join(' ')} }`;
    expect((await platform.client({ dept: 'civil-affairs' }).query(four)).body.errors?.map((e) => e.extensions)).toEqual([
      { code: 'OPERATION_TOO_COMPLEX', limit: 'introspection', max: 3, found: 4 },
    ]);
    const calls = platform.subgraphCalls.length;
    const { status, body } = await platform.client({ dept: 'civil-affairs' }).query(query);
    expect(status).toBe(400);
    expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: 'OPERATION_TOO_COMPLEX', limit: 'rootFields', max: 20, found: 50 }]);
    expect(platform.subgraphCalls.length).toBe(calls);
  });

  it('when an operation has too many root fields or directives, then OPERATION_TOO_COMPLEX names each', async () => {
    const roots = `{ ${Array.from({ length: 21 }, (_, i) => `p${i}: pensionStandard(year: ${2000 + i})`).join(' ')} }`;
    expect((await refused(roots)).error?.extensions).toEqual({ code: 'OPERATION_TOO_COMPLEX', limit: 'rootFields', max: 20, found: 21 });
    const directives = `{ resident(citizenId: "${DEMO.resident}") { name ${'@include(if: true) '.repeat(101)} } }`;
    expect(codesOf((await refused(directives)).body)).toContain('OPERATION_TOO_COMPLEX');
  });

  it('when a batch holds more operations than allowed, then OPERATION_TOO_COMPLEX for the whole request', async () => {
    const { status, body } = await client().post(Array.from({ length: 21 }, () => ({ query: '{ __typename }' })));
    expect(status).toBe(400);
    expect(codesOf(body)).toEqual(['OPERATION_TOO_COMPLEX']);
  });

  it('when the standard introspection query is sent, then it is answered (introspection stays usable)', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const { status, body } = await platform.client({ dept: 'civil-affairs' }).query(getIntrospectionQuery());
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });
});

describe('bulk extraction', () => {
  it('when 30 aliased residents(citizenIds: …) ask for 3000 residents, then the operation is refused and no subgraph is asked', async () => {
    const query = `{ ${Array.from({ length: 30 }, (_, i) => `r${i}: residents(citizenIds: ${ids(i * 100, 100)}) { name }`).join(' ')} }`;
    const { status, body } = await refused(query);
    expect(status).toBe(400);
    expect(codesOf(body)).toEqual(['OPERATION_TOO_COMPLEX']);
  });

  it('when 15 aliased residents(citizenIds: …) name 150 keys, then TOO_MANY_KEYS and no subgraph is asked', async () => {
    const query = `{ ${Array.from({ length: 15 }, (_, i) => `r${i}: residents(citizenIds: ${ids(i * 10, 10)}) { name }`).join(' ')} }`;
    const { status, error } = await refused(query);
    expect(status).toBe(400);
    expect(error?.extensions).toEqual({ code: 'TOO_MANY_KEYS', max: 100, found: 150 });
  });

  it('when the keys come in a variable used twice, then the variable values count for each use', async () => {
    const query = 'query($ids: [CitizenId!]!) { a: residents(citizenIds: $ids) { name } b: residents(citizenIds: $ids) { name } }';
    const { error } = await refused(query, { ids: CITIZEN_IDS.slice(0, 60) });
    expect(error?.extensions).toEqual({ code: 'TOO_MANY_KEYS', max: 100, found: 120 });
  });

  it('when a batch names more keys than one request may, then the whole request is refused before any work', async () => {
    const calls = platform.subgraphCalls.length;
    const batch = [0, 1, 2].map((i) => ({ query: `{ residents(citizenIds: ${ids(i * 40, 40)}) { citizenId } }` }));
    const { status, body } = await client('batch-keys').post(batch);
    expect(status).toBe(400);
    expect(body).toEqual({
      errors: [
        { message: 'The request names 120 entity keys; at most 100 per request are allowed', extensions: { code: 'TOO_MANY_KEYS', max: 100, found: 120 } },
      ],
    });
    expect(platform.subgraphCalls.length).toBe(calls);
  });

  it('when persisted queries (text resolved inside Apollo) name too many keys together, then what runs stays within the limit', async () => {
    const apq = client('batch-apq');
    const texts = [0, 1, 2].map((i) => `{ residents(citizenIds: ${ids(i * 40, 40)}) { citizenId } }`);
    const persisted = (text: string, withQuery: boolean) => ({
      ...(withQuery ? { query: text } : {}),
      extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(text).digest('hex') } },
    });
    for (const text of texts) expect((await apq.post(persisted(text, true))).status).toBe(200);
    // Another application of the same department (persisted queries are kept per department), with its own entity budget.
    const { body } = await client('batch-apq-run').post(texts.map((text) => persisted(text, false)));
    const results = body as GraphQLBody[];
    expect(results.filter((r) => codesOf(r).includes('TOO_MANY_KEYS'))).toHaveLength(1);
    expect(results.flatMap((r) => (r.data?.['residents'] as unknown[] | undefined) ?? [])).toHaveLength(80);
  });

  it('when an operation names exactly the allowed keys, then it is served', async () => {
    const { status, body } = await client('exact-keys').query(`{ residents(citizenIds: ${ids(0, 100)}) { citizenId } }`);
    expect(status).toBe(200);
    expect(body.data?.['residents']).toHaveLength(100);
  });

  it('when an application spends its entities per minute, then 429 RATE_LIMITED with Retry-After, and another application is still served', async () => {
    const spender = client('entity-spender');
    expect((await spender.query(`{ residents(citizenIds: ${ids(0, 100)}) { citizenId } }`)).status).toBe(200);
    const over = await spender.query(`{ residents(citizenIds: ${ids(100, 60)}) { citizenId } }`);
    expect(over.status).toBe(429);
    expect(codesOf(over.body)).toEqual(['RATE_LIMITED']);
    expect(over.body.data).toBeUndefined();
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await tokenHeader('entity-spender'), 'x-share-purpose': 'WORK_REFERENCE' },
      body: JSON.stringify({ query: `{ resident(citizenId: "${DEMO.resident}") { name } }` }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await client('entity-other').query(`{ residents(citizenIds: ${ids(0, 60)}) { citizenId } }`)).status).toBe(200);
  });

  it('when root fields name no key, then each still counts one entity', async () => {
    const spender = client('keyless-spender');
    const query = `{ ${Array.from({ length: 20 }, (_, i) => `p${i}: pensionStandard(year: ${2000 + i})`).join(' ')} }`;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await spender.query(query)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 429]);
  });
});

async function tokenHeader(app: string, claims: { iat?: number; exp?: number; omitIat?: boolean } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({ dept: 'civil-affairs', roles: ['consumer'] })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(app);
  if (!claims.omitIat) jwt = jwt.setIssuedAt(claims.iat ?? now);
  return `Bearer ${await jwt.setExpirationTime(claims.exp ?? now + 3600).sign(platform.tokenIssuer.privateKey)}`;
}

describe('token lifetime', () => {
  const send = async (authorization: string) => {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLBody };
  };
  const now = () => Math.floor(Date.now() / 1000);

  it('when a token lives longer than 24 hours (exp − iat), then it is 401 UNAUTHENTICATED', async () => {
    const { status, body } = await send(await tokenHeader('long-lived', { exp: now() + 48 * 3600 }));
    expect(status).toBe(401);
    expect(body.errors?.[0]?.message).toMatch(/lifetime/);
  });

  it('when a token was issued in the future beyond the clock skew, then it is 401', async () => {
    const { status, body } = await send(await tokenHeader('future', { iat: now() + 3600, exp: now() + 7200 }));
    expect(status).toBe(401);
    expect(body.errors?.[0]?.message).toMatch(/iat/);
  });

  it('when a token has no iat, then it is 401', async () => {
    expect((await send(await tokenHeader('no-iat', { omitIat: true }))).status).toBe(401);
  });

  it('when the issuer clock is 30 s ahead (within the skew), then the token is accepted', async () => {
    expect((await send(await tokenHeader('skewed', { iat: now() + 30 }))).status).toBe(200);
  });
});

describe('persisted queries per department', () => {
  const query = `{ resident(citizenId: "${DEMO.legalRepresentative}") { name } }`;
  const persisted = (sha256Hash: string, withQuery: boolean) => ({
    ...(withQuery ? { query } : {}),
    extensions: { persistedQuery: { version: 1, sha256Hash } },
  });
  const hash = createHash('sha256').update(query).digest('hex');

  it('when department A registered a query, then A can send its hash alone and department B gets PERSISTED_QUERY_NOT_FOUND', async () => {
    const a = platform.client({ dept: 'approval', purpose: 'WORK_REFERENCE', app: 'apq-a' });
    expect((await a.post(persisted(hash, true))).status).toBe(200);
    const again = await a.post(persisted(hash, false));
    expect((again.body as GraphQLBody).data).toEqual({ resident: { name: '张建国' } });
    const b = platform.client({ dept: 'market-regulation', purpose: 'WORK_REFERENCE', app: 'apq-b' });
    const probe = await b.post(persisted(hash, false));
    expect(codesOf(probe.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('when the hash does not match the query, then 400 BAD_REQUEST, not an internal error', async () => {
    const { status, body } = await client().post(persisted('0'.repeat(64), true));
    expect(status).toBe(400);
    expect(codesOf(body)).toEqual(['BAD_REQUEST']);
  });
});

describe('the HTTP edge answers in the documented shape', () => {
  const expectShape = async (response: Response, status: number, code: string) => {
    expect(response.status).toBe(status);
    const body = (await response.json()) as GraphQLBody;
    expect(body).toEqual({ errors: [{ message: expect.any(String), extensions: { code } }] });
  };
  const base = () => platform.gatewayUrl.replace(/\/graphql$/, '');
  const json = { 'content-type': 'application/json' };

  it('when a subscription is sent, then 400 GRAPHQL_VALIDATION_FAILED, not 500', async () => {
    const { status, body } = await client().query('subscription { resident(citizenId: "370306198503120122") { name } }');
    expect(status).toBe(400);
    expect(codesOf(body)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(codesOf(body)).not.toContain('INTERNAL_SERVER_ERROR');
  });

  it('when a path does not exist, then 404 ROUTE_NOT_FOUND', async () => {
    await expectShape(await fetch(`${base()}/admin`), 404, 'ROUTE_NOT_FOUND');
  });

  it('when /graphql is sent PUT, then 405 METHOD_NOT_ALLOWED with Allow', async () => {
    const response = await fetch(platform.gatewayUrl, { method: 'PUT', headers: json, body: '{}' });
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
    await expectShape(response, 405, 'METHOD_NOT_ALLOWED');
  });

  it('when the body exceeds 1 MiB, then 413 PAYLOAD_TOO_LARGE', async () => {
    await expectShape(
      await fetch(platform.gatewayUrl, { method: 'POST', headers: json, body: JSON.stringify({ query: ' '.repeat(2_000_000) }) }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it.each(['application/xml', 'text/plain'])('when the body is %s, then 415 UNSUPPORTED_MEDIA_TYPE', async (type) => {
    await expectShape(
      await fetch(platform.gatewayUrl, { method: 'POST', headers: { 'content-type': type }, body: '{"query":"{ __typename }"}' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('when the headers exceed the server limit, then 431 HEADERS_TOO_LARGE', async () => {
    await expectShape(
      await fetch(platform.gatewayUrl, { method: 'POST', headers: { ...json, 'x-padding': 'a'.repeat(40_000) }, body: '{}' }),
      431,
      'HEADERS_TOO_LARGE',
    );
  });

  it('when the answer would exceed the response limit, then RESPONSE_TOO_LARGE instead of a truncated answer', async () => {
    const fields = Array.from({ length: 150 }, (_, i) => `n${i}: name`).join(' ');
    const { status, body } = await client('big-answer').query(`{ residents(citizenIds: ${ids(0, 100)}) { ${fields} } }`);
    expect(status).toBe(400);
    expect(body).toEqual({ errors: [{ message: expect.stringMatching(/larger than 262144 bytes/), extensions: { code: 'RESPONSE_TOO_LARGE' } }] });
  });

  it('when an audit filter holds an impossible date, then BAD_USER_INPUT naming it', async () => {
    const governance = platform.client({ dept: 'civil-affairs' });
    for (const query of [
      '{ auditRecords(filter: { from: "garbage" }) { records { id } } }',
      '{ dataUsage(from: "2026-13-45", to: "x", groupBy: [CONSUMER]) { requests } }',
    ]) {
      const { body } = await governance.query(query);
      expect(body.errors).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/is not an ISO 8601 instant/), extensions: { code: 'BAD_USER_INPUT' } }),
      ]);
    }
  });
});
