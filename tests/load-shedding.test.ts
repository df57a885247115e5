/**
 * art-19 a stable platform: a gateway whose heap in use is above its bound sheds GraphQL requests with
 * 503 OVERLOADED and Retry-After before any work (no data, nothing executed at a subgraph) and is not
 * ready, while its liveness and console keep answering; the shed answers are counted. The bound here is 0.1 % of the heap
 * limit (about 4 MiB), which the test process's live heap is always above, even right after the full
 * collections a shedding gateway asks for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/free-port.ts';
import { rawRequest } from './support/raw-http.ts';
import { scrape } from './support/scrape.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';

const RESIDENT = '370306198503120122';

describe('load shedding under heap pressure', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ shedHeapUsedPercent: 0.1, metrics: { host: '127.0.0.1', port: await freePort() } });
  });
  afterAll(async () => platform?.close());

  it(
    'art-19: when the heap in use is above the bound, then GraphQL requests are answered 503 OVERLOADED with Retry-After and nothing is executed',
    { timeout: 60_000 },
    async () => {
      const consumer = platform.client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS' });
      // The heap is sampled once a second: the first answers may come before the first sample (and, on a machine busy
      // with other tests, each may take seconds).
      await expect.poll(async () => (await consumer.query(`{ resident(citizenId: "${RESIDENT}") { name } }`)).status, { timeout: 30_000 }).toBe(503);
      const callsBefore = platform.subgraphCalls.length;
      const before = await scrape(platform.metricsUrl!);
      const shed = await consumer.query(`{ resident(citizenId: "${RESIDENT}") { name } }`);
      expect(shed.status).toBe(503);
      expect(shed.body.data).toBeUndefined();
      expect(shed.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['OVERLOADED']);
      expect(shed.body.errors?.[0]?.message).toMatch(/memory limit/);
      // Every other spelling of the GraphQL route is shed alike: a GET, a batch, no token at all.
      const get = await rawRequest(platform.gatewayUrl, { method: 'GET', target: `/graphql?query=${encodeURIComponent('{ __typename }')}` });
      expect(get.status).toBe(503);
      expect(get.headers['retry-after']).toBe('5');
      const anonymous = await fetch(platform.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '[{"query":"{ __typename }"}]',
      });
      expect(anonymous.status).toBe(503);
      expect(platform.subgraphCalls.length).toBe(callsBefore);
      const after = await scrape(platform.metricsUrl!);
      expect(
        after.value('zhoucun_gateway_requests_total', { outcome: 'OVERLOADED' }) - before.value('zhoucun_gateway_requests_total', { outcome: 'OVERLOADED' }),
      ).toBe(3);
    },
  );

  it('when the gateway sheds, then it is alive and its console answers, and it is not ready, so that traffic moves to another instance', async () => {
    const consumer = platform.client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS' });
    expect((await consumer.query('{ __typename }')).status).toBe(503);
    const origin = new URL(platform.gatewayUrl).origin;
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    const readiness = await fetch(`${origin}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toEqual({ ready: false, shedding: true });
    expect((await fetch(`${origin}/console/`)).status).toBe(200);
  });
});
