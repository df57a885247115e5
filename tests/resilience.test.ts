/**
 * A provider that goes away costs a request no more than its timeout, and only that provider's items:
 * its fields come back null with PROVIDER_UNAVAILABLE, the other providers' data is served. After a few
 * calls in a row without an answer its circuit breaker opens (calls fail at once, counted as
 * short_circuit), and it closes again once the provider answers. Real HTTP, real subgraph servers.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaunchedGateway } from '../scripts/launch-gateway.ts';
import { issueToken } from '../scripts/issue-token.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { createSubgraphServer } from '../subgraphs/shared/create-subgraph-server.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { freePort } from './support/free-port.ts';
import { startTestPlatform, type GraphQLBody, type TestPlatform } from './support/test-platform.ts';

const QUERY = `{ resident(citizenId: "${DEMO.resident}") { name } enterprise(creditCode: "${DEMO.enterprise}") { name } }`;

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

async function ask(gateway: LaunchedGateway): Promise<{ status: number; body: GraphQLBody }> {
  const token = await issueToken(platform.tokenIssuer.privateKey, { dept: 'civil-affairs', roles: ['consumer'], app: 'resilience-test' });
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-share-purpose': 'ADMINISTRATIVE_BASIS' },
    body: JSON.stringify({ query: QUERY }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody };
}

/** What a degraded answer must be: the resident (public-security) null with PROVIDER_UNAVAILABLE, the enterprise served. */
function expectPublicSecurityUnavailable(answer: { status: number; body: GraphQLBody }) {
  expect(answer.status).toBe(200);
  expect(answer.body.data).toEqual({ resident: null, enterprise: { name: expect.any(String) } });
  expect(answer.body.errors).toEqual([
    { message: expect.stringContaining('public-security'), extensions: { code: 'PROVIDER_UNAVAILABLE', provider: 'public-security' } },
  ]);
}

async function counted(gateway: LaunchedGateway, name: string, labels: Record<string, string>): Promise<number> {
  const metric = await gateway.gateway.metrics.registry.getSingleMetric(name)!.get();
  return metric.values
    .filter((value) => Object.entries(labels).every(([key, label]) => value.labels[key] === label))
    .reduce((sum, value) => sum + value.value, 0);
}

async function startPublicSecurity(port: number): Promise<FastifyInstance> {
  const definition = SUBGRAPHS.find((subgraph) => subgraph.name === 'public-security')!.definition;
  const app = await createSubgraphServer(definition, { gatewayKeys: platform.gatewaySigning.publicKey });
  await app.listen({ host: '127.0.0.1', port });
  return app;
}

describe('a provider killed under load', () => {
  let gateway: LaunchedGateway;
  let provider: FastifyInstance | undefined;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    provider = await startPublicSecurity(port);
    gateway = await platform.launchAnotherGateway({
      subgraphUrls: { 'public-security': `http://127.0.0.1:${port}/graphql` },
      grants: platform.grants,
      subgraphCalls: { guard: { timeoutMs: 5_000, failures: 3, halfOpenAfterMs: 1_500 } },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await provider?.close();
  });

  it('when its server dies with requests in flight, then every answer still serves the other providers, and the dead one is PROVIDER_UNAVAILABLE', async () => {
    expect((await ask(gateway)).body.data).toEqual({ resident: { name: expect.any(String) }, enterprise: { name: expect.any(String) } });
    const kill = async () => {
      provider!.server.closeAllConnections();
      await provider!.close();
      provider = undefined;
    };
    const load = Array.from({ length: 4 }, async () => {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await ask(gateway));
      return answers;
    });
    await kill();
    const answers = (await Promise.all(load)).flat();
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.data?.['enterprise']).toEqual({ name: expect.any(String) });
      if (answer.body.data?.['resident'] === null) expectPublicSecurityUnavailable(answer);
    }
    expectPublicSecurityUnavailable(answers.at(-1)!);
  });

  it('when its calls keep failing, then the breaker opens and calls fail at once; when it is back, the breaker closes', async () => {
    expectPublicSecurityUnavailable(await ask(gateway));
    expect(await counted(gateway, 'zhoucun_gateway_subgraph_breaker_open', { subgraph: 'public-security' })).toBe(1);
    // Of the calls since the kill, the breaker let through only the first few (and a trial call each time it half-opened).

    const notSent = await counted(gateway, 'zhoucun_gateway_subgraph_call_errors_total', { subgraph: 'public-security', outcome: 'short_circuit' });
    expect(notSent).toBeGreaterThan(0);

    provider = await startPublicSecurity(port);
    let answer = await ask(gateway);
    for (let attempt = 0; attempt < 200 && answer.body.data?.['resident'] === null; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await ask(gateway);
    }
    expect(answer.body).toEqual({ data: { resident: { name: expect.any(String) }, enterprise: { name: expect.any(String) } } });
    expect(await counted(gateway, 'zhoucun_gateway_subgraph_breaker_open', { subgraph: 'public-security' })).toBe(0);
  });
});

describe('a provider that accepts connections and never answers', () => {
  let gateway: LaunchedGateway;
  let blackHole: Server;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    blackHole = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const { port } = blackHole.address() as { port: number };
    gateway = await platform.launchAnotherGateway({
      subgraphUrls: { 'public-security': `http://127.0.0.1:${port}/graphql` },
      grants: platform.grants,
      // The timeout is every provider's: long enough that the others answer within it on a busy machine.
      subgraphCalls: { guard: { timeoutMs: 2_000, failures: 100, halfOpenAfterMs: 1_000 } },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => blackHole?.close(resolve));
  });

  it('when the timeout passes, then the answer comes with its items null and PROVIDER_UNAVAILABLE, the other providers served', async () => {
    expectPublicSecurityUnavailable(await ask(gateway));
    expect(await counted(gateway, 'zhoucun_gateway_subgraph_call_errors_total', { subgraph: 'public-security', outcome: 'timeout' })).toBe(1);
  });
});
