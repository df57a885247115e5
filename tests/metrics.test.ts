/**
 * Prometheus metrics over real HTTP: the gateway counts requests by outcome, withheld items by
 * `Type.field`, subgraph calls by subgraph, rate-limit hits, the supergraph version, the audit backlog
 * and the grants' age, on its own metrics listener and never on the public port; a subgraph process
 * started alone serves its own registry on its own port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supergraphVersion } from '../gateway/observe/gateway-metrics.ts';
import { createSubgraphCallSigner } from '../gateway/sign/sign-subgraph-call.ts';
import { ensureDemoKeyPair } from '../platform/keys.ts';
import { freePort } from './support/free-port.ts';
import { rawRequest } from './support/raw-http.ts';
import { scrape } from './support/scrape.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';

const RESIDENT = '370306198503120122';
const root = new URL('..', import.meta.url).pathname;

describe('gateway metrics', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({
      memoryGrants: false,
      metrics: { host: '127.0.0.1', port: await freePort() },
      rateLimits: { perDepartment: 10_000, perApp: 3 },
    });
  });
  afterAll(async () => platform?.close());

  it('when requests were served, refused and withheld items, then a scrape shows each count moved', async () => {
    const before = await scrape(platform.metricsUrl!);
    const consumer = platform.client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS' });
    const served = await consumer.query(`{ resident(citizenId: "${RESIDENT}") { name monthlyPension criminalRecord } }`);
    expect(served.status).toBe(200);
    const masked = await platform
      .client({ dept: 'civil-affairs', purpose: 'WORK_REFERENCE', app: 'civil-affairs-masked' })
      .query(`{ resident(citizenId: "${RESIDENT}") { name householdAddress } }`);
    expect(masked.body).toMatchObject({ extensions: { masked: ['resident.householdAddress'] } });
    const noPurpose = await platform
      .client({ dept: 'civil-affairs', app: 'civil-affairs-no-purpose' })
      .query(`{ resident(citizenId: "${RESIDENT}") { name } }`);
    expect(noPurpose.status).toBe(400);
    const flood = platform.client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS', app: 'civil-affairs-flood' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await flood.query('{ __typename }')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);

    const after = await scrape(platform.metricsUrl!);
    const moved = (name: string, labels?: Record<string, string>) => after.value(name, labels) - before.value(name, labels);
    expect(moved('zhoucun_gateway_requests_total', { outcome: 'ok' })).toBe(5);
    expect(moved('zhoucun_gateway_requests_total', { outcome: 'PURPOSE_REQUIRED' })).toBe(1);
    expect(moved('zhoucun_gateway_requests_total', { outcome: 'RATE_LIMITED' })).toBe(1);
    expect(moved('zhoucun_gateway_request_duration_seconds_count', { result: 'ok' })).toBe(5);
    expect(moved('zhoucun_gateway_request_duration_seconds_count', { result: 'refused' })).toBe(2);
    expect(moved('zhoucun_gateway_rate_limited_total', { limit: 'application' })).toBe(1);
    expect(moved('zhoucun_gateway_items_withheld_total', { kind: 'denied', item: 'Resident.criminalRecord' })).toBe(1);
    expect(moved('zhoucun_gateway_items_withheld_total', { kind: 'masked', item: 'Resident.householdAddress' })).toBe(1);
    expect(moved('zhoucun_gateway_subgraph_call_duration_seconds_count', { subgraph: 'public-security', outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    expect(moved('zhoucun_gateway_subgraph_call_duration_seconds_count', { subgraph: 'human-resources', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(after.value('zhoucun_gateway_supergraph_info', { version: supergraphVersion(platform.gateway.supergraph().sdl) })).toBe(1);
    expect(after.family('zhoucun_gateway_supergraph_info')?.metrics).toHaveLength(1);
    expect(after.value('zhoucun_gateway_audit_queue_depth')).toBe(0);
    expect(after.value('zhoucun_gateway_audit_spool_records')).toBe(0);
    expect(after.family('zhoucun_gateway_grant_reload_lag_seconds')?.metrics).toHaveLength(1);
    expect(after.value('zhoucun_gateway_grant_reload_lag_seconds')).toBeLessThan(60);
    expect(after.family('process_cpu_user_seconds_total')?.type).toBe('COUNTER');
    expect(after.family('nodejs_eventloop_lag_seconds')).toBeDefined();
    expect(after.histograms).toContain('zhoucun_gateway_request_duration_seconds');
    expect(after.histograms).toContain('zhoucun_gateway_subgraph_call_duration_seconds');
  });

  it('when an item outside the catalog is asked for, then no label carries what the consumer typed', async () => {
    const consumer = platform.client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS', app: 'civil-affairs-typo' });
    await consumer.query(`{ resident(citizenId: "${RESIDENT}") { nameXYZ_${'x'.repeat(200)} } }`);
    const after = await scrape(platform.metricsUrl!);
    const labels = after.families.flatMap((family) => family.metrics.flatMap((sample) => Object.values(sample.labels ?? {})));
    expect(labels.some((label) => label.includes('nameXYZ'))).toBe(false);
  });

  it('when /metrics is asked on the public port in any spelling, then it is 404', async () => {
    const origin = new URL(platform.gatewayUrl).origin;
    for (const path of ['/metrics', '/metrics/', '/METRICS', '/Metrics', '/metrics?x', '/%6detrics', '/%6Detrics', '//metrics', '/graphql/../metrics']) {
      const response = await rawRequest(origin, { method: 'GET', target: path });
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toContain('zhoucun_gateway');
    }
  });

  it('when the metrics listener is asked for anything but GET /metrics, then it is 404', async () => {
    const origin = new URL(platform.metricsUrl!).origin;
    for (const path of ['/metrics/', '/METRICS', '/metrics?x', '/%6detrics', '/', '/graphql']) {
      expect((await fetch(`${origin}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`${origin}/metrics`, { method: 'POST', body: 'x' })).status).toBe(404);
  });
});

describe('subgraph process metrics', () => {
  let child: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'zhoucun-metrics-'));
  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child!.once('exit', resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when one department runs alone, then its process serves its own registry on its own port, counting its calls', async () => {
    const signing = await ensureDemoKeyPair(dataDir, 'gateway-signing');
    const [port, metricsPort] = [await freePort(), await freePort()];
    child = spawn(process.execPath, ['scripts/start-subgraphs.ts'], {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        SUBGRAPH: 'approval',
        SUBGRAPH_PORT: String(port),
        SUBGRAPH_METRICS_PORT: String(metricsPort),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    await waitFor(async () => (await fetch(metricsUrl)).ok);
    const body = JSON.stringify({ query: '{ __typename }' });
    const sign = createSubgraphCallSigner(signing.privateKey);
    const token = await sign('approval', { app: 'gateway', dept: 'info-center', roles: [], purpose: undefined }, body);
    const url = `http://127.0.0.1:${port}/graphql`;
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })).status).toBe(200);
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);

    const scraped = await scrape(metricsUrl);
    expect(scraped.value('zhoucun_subgraph_requests_total', { subgraph: 'approval', outcome: 'ok' })).toBe(1);
    expect(scraped.value('zhoucun_subgraph_requests_total', { subgraph: 'approval', outcome: 'refused' })).toBe(1);
    expect(scraped.value('zhoucun_subgraph_request_duration_seconds_count', { subgraph: 'approval' })).toBe(2);
    expect(scraped.family('process_resident_memory_bytes')).toBeDefined();
  });
});

async function waitFor(ready: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('not ready in time');
}
