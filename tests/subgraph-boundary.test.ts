/**
 * The subgraph boundary over real sockets: every subgraph, governance included, serves GraphQL only
 * on `POST /graphql` spelled exactly and signed by the gateway for that very body. Every other
 * spelling of the route, method or target is refused before Mercurius sees it; a captured gateway
 * signature cannot be replayed for another query or other entities.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphCallSigner } from '../gateway/sign/sign-subgraph-call.ts';
import type { LaunchedGateway } from '../scripts/launch-gateway.ts';
import { readSubgraphEndpoints, type SubgraphEndpoint } from '../schema/read-subgraph-endpoints.ts';
import { issueToken } from '../scripts/issue-token.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { rawRequest, type RawResponse } from './support/raw-http.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';

let platform: TestPlatform;
let endpoints: SubgraphEndpoint[];
beforeAll(async () => {
  platform = await startTestPlatform();
  endpoints = readSubgraphEndpoints(platform.supergraphSdl);
});
afterAll(async () => {
  await platform?.close();
});

const entities = (typeName: string, selection: string, representation: Record<string, string>) => ({
  query: `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typeName} { ${selection} } } }`,
  variables: { representations: [{ __typename: typeName, ...representation }] },
});
const resident = { citizenId: DEMO.resident };

/** Per subgraph: an operation asking for CONDITIONAL or NONE items (or, for governance, its records). */
const PROBES: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  'public-security': entities('Resident', 'criminalRecord householdAddress', resident),
  'market-regulation': entities('Enterprise', 'administrativePenalties { __typename }', { creditCode: DEMO.enterprise }),
  'human-resources': entities('Resident', 'monthlyPension pensionStatus', resident),
  approval: entities('Resident', 'certificates { __typename }', resident),
  'natural-resources': entities('Resident', 'realEstate { certificateNo }', resident),
  'civil-affairs': entities('Resident', 'maritalStatus', resident),
  // Governance publishes no entity: its records are the probe, and `_entities` must still be refused unanswered.
  'info-center': { query: '{ departments { code } accessRequests { id } myGrants { id } }' },
};
const SERVICE: { query: string; variables?: Record<string, unknown> } = { query: '{ _service { sdl } }' };
const GOVERNANCE_ENTITIES = entities('Resident', 'citizenId', resident);

const SUBGRAPH_NAMES = [...SUBGRAPHS.map((s) => s.name), 'info-center'];

/** Request-target spellings of the GraphQL route other than the one served, for POST. */
const OTHER_SPELLINGS: Array<[string, (origin: string) => string]> = [
  ['absolute form', (origin) => `${origin}/graphql`],
  ['absolute form, upper-case scheme and host', (origin) => `${origin.toUpperCase()}/graphql`],
  ['double slash', () => '//graphql'],
  ['trailing slash', () => '/graphql/'],
  ['percent-encoded letter', () => '/%67raphql'],
  ['upper case', () => '/GRAPHQL'],
  ['matrix parameter', () => '/graphql;x'],
  ['dot segment', () => '/./graphql'],
  ['dot-dot segment', () => '/x/../graphql'],
  ['backslash', () => '/graphql\\'],
  ['query string', () => '/graphql?x=1'],
  ['empty query string', () => '/graphql?'],
  ['fragment', () => '/graphql#f'],
  ['encoded NUL', () => '/graphql%00'],
  ['graphiql', () => '/graphiql'],
  ['asterisk form', () => '*'],
  ['very long', () => `/graphql?${'a'.repeat(6_000)}`],
];

const OTHER_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'];

const sign = () => createSubgraphCallSigner(platform.gatewaySigning.privateKey);
const IDENTITY = { app: 'boundary-test', dept: 'civil-affairs', roles: ['consumer'], purpose: 'ADMINISTRATIVE_BASIS' };

function expectRefusal(response: RawResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = JSON.parse(response.body) as unknown;
  expect(body).toEqual({ errors: [{ message: expect.any(String), extensions: { code } }] });
}

const urlOf = (name: string) => endpoints.find((e) => e.name === name)!.url;

describe.each(SUBGRAPH_NAMES)('the %s subgraph boundary', (name) => {
  const probes = (): Array<{ query: string; variables?: Record<string, unknown> }> => [
    PROBES[name]!,
    SERVICE,
    ...(name === 'info-center' ? [GOVERNANCE_ENTITIES] : []),
  ];
  const post = async (target: string, payload: unknown, authorization?: string) =>
    rawRequest(urlOf(name), {
      method: 'POST',
      target,
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(payload),
    });

  it('when the exact route is called with the gateway signature for its body, then the probe answers (the refusals below are not vacuous)', async () => {
    const body = JSON.stringify(PROBES[name]);
    const token = await sign()(name, IDENTITY, body);
    const response = await rawRequest(urlOf(name), {
      method: 'POST',
      target: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    expect(response.status).toBe(200);
    const answer = JSON.parse(response.body) as { data?: Record<string, unknown> };
    expect(answer.data).toBeTruthy();
    expect(Object.values(answer.data!).some((value) => (Array.isArray(value) ? value.length > 0 && value[0] !== null : value !== null))).toBe(true);
  });

  it('when the exact route is called without a signature, then it is 401 UNAUTHENTICATED and nothing is answered', async () => {
    for (const probe of probes()) expectRefusal(await post('/graphql', probe), 401, 'UNAUTHENTICATED');
  });

  it.each(OTHER_SPELLINGS)('when the route is spelled otherwise (%s), then it is 404 ROUTE_NOT_FOUND, signed or not', async (_label, target) => {
    const origin = new URL(urlOf(name)).origin;
    for (const probe of probes()) {
      expectRefusal(await post(target(origin), probe), 404, 'ROUTE_NOT_FOUND');
      const token = await sign()(name, IDENTITY, JSON.stringify(probe));
      expectRefusal(await post(target(origin), probe, `Bearer ${token}`), 404, 'ROUTE_NOT_FOUND');
    }
  });

  it.each(['%2Fgraphql', 'graphql', '/gr aphql'])(
    'when the target %j is no request target at all, then the HTTP parser refuses it: 400 BAD_REQUEST before any route',
    async (target) => {
      const token = await sign()(name, IDENTITY, JSON.stringify(PROBES[name]));
      expectRefusal(await post(target, PROBES[name], `Bearer ${token}`), 400, 'BAD_REQUEST');
    },
  );

  it.each(OTHER_METHODS)('when /graphql is called with %s, then it is 405 METHOD_NOT_ALLOWED', async (method) => {
    for (const probe of probes()) {
      const response = await rawRequest(urlOf(name), {
        method,
        target: '/graphql',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(probe),
      });
      if (method === 'HEAD') {
        // A HEAD answer has no body: the status is the whole answer.
        expect([response.status, response.body, response.headers['allow']]).toEqual([405, '', 'POST']);
      } else {
        expectRefusal(response, 405, 'METHOD_NOT_ALLOWED');
        expect(response.headers['allow']).toBe('POST');
      }
    }
  });

  it('when a query is sent by GET in the query string, then it is refused and nothing is answered', async () => {
    for (const probe of probes()) {
      const search = new URLSearchParams({ query: probe.query, ...(probe.variables ? { variables: JSON.stringify(probe.variables) } : {}) });
      const token = await sign()(name, IDENTITY, '');
      expectRefusal(
        await rawRequest(urlOf(name), { method: 'GET', target: `/graphql?${search}`, headers: { authorization: `Bearer ${token}` } }),
        404,
        'ROUTE_NOT_FOUND',
      );
    }
  });

  it('when /healthz is asked by GET, then it answers without a signature; any other spelling or method is refused', async () => {
    const health = await rawRequest(urlOf(name), { method: 'GET', target: '/healthz' });
    expect(health.status).toBe(200);
    expectRefusal(await rawRequest(urlOf(name), { method: 'GET', target: '/healthz/' }), 404, 'ROUTE_NOT_FOUND');
    expectRefusal(
      await rawRequest(urlOf(name), { method: 'POST', target: '/healthz', body: '{}', headers: { 'content-type': 'application/json' } }),
      405,
      'METHOD_NOT_ALLOWED',
    );
  });
});

/** An HTTP proxy in front of one subgraph that keeps what the gateway sent: the captured call of an attacker on the wire. */
async function startRecordingProxy(target: string): Promise<{ url: string; calls: Array<{ authorization: string; body: string }>; close(): Promise<void> }> {
  const calls: Array<{ authorization: string; body: string }> = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      calls.push({ authorization: String(request.headers.authorization ?? ''), body: body.toString('utf8') });
      fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', authorization: String(request.headers.authorization ?? '') }, body })
        .then(async (answer) => {
          response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          response.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => response.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/graphql`, calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('gateway signatures bound to the call they were made for', () => {
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let watched: LaunchedGateway;
  beforeAll(async () => {
    const humanResources = platform.subgraphs.find((s) => s.name === 'human-resources')!;
    proxy = await startRecordingProxy(humanResources.url);
    watched = await platform.launchAnotherGateway({ subgraphUrls: { 'human-resources': proxy.url }, grants: platform.grants });
  });
  afterAll(async () => {
    await watched?.close();
    await proxy?.close();
  });

  it('when a captured signature is replayed with another query or other entities, then the subgraph refuses it with 401; the untouched call still passes', async () => {
    const token = await issueToken(platform.tokenIssuer.privateKey, { dept: 'civil-affairs', roles: ['consumer'], app: 'replay-test' });
    const response = await fetch(watched.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-share-purpose': 'ADMINISTRATIVE_BASIS' },
      body: JSON.stringify({ query: `{ resident(citizenId: "${DEMO.resident}") { name monthlyPension } }` }),
    });
    expect(((await response.json()) as { data: { resident: { monthlyPension: number } } }).data.resident.monthlyPension).toBe(2860.5);
    const captured = proxy.calls.find((call) => call.body.includes('monthlyPension'));
    expect(captured).toBeDefined();
    const { authorization, body } = captured!;
    const target = platform.subgraphs.find((s) => s.name === 'human-resources')!.url;
    const replay = (replayed: string) =>
      rawRequest(target, { method: 'POST', target: '/graphql', headers: { 'content-type': 'application/json', authorization }, body: replayed });

    const untouched = await replay(body);
    expect(untouched.status).toBe(200);
    expect(JSON.parse(untouched.body)).toEqual({ data: { _entities: [expect.objectContaining({ monthlyPension: 2860.5 })] } });

    const call = JSON.parse(body) as { query: string; variables: { representations: Array<Record<string, unknown>> } };
    const otherEntities = { ...call, variables: { representations: [{ __typename: 'Resident', citizenId: DEMO.legalRepresentative }] } };
    const otherQuery = { ...call, query: call.query.replace('monthlyPension', 'socialInsurance { __typename }') };
    for (const tampered of [JSON.stringify(otherEntities), JSON.stringify(otherQuery), JSON.stringify(SERVICE), JSON.stringify(call, null, 1), `${body} `]) {
      expectRefusal(await replay(tampered), 401, 'UNAUTHENTICATED');
    }
  });
});
