/**
 * One process of the benchmark, so that each contender's memory and event loop are its own:
 *   node bench/servers.ts subgraphs <dataDir>                 the six department subgraphs
 *   node bench/servers.ts <contender> <dataDir> <urls JSON>   one gateway over those subgraphs
 * Contenders: `ours` (enforcement, durable audit, signed calls), `ours-audit-off`, `ours-no-dedup`
 * (no de-duplication of calls in flight), `ours-fetch` (Node's fetch and no de-duplication: how
 * ours called subgraphs before), `plain`
 * (@apollo/gateway as shipped), `plain-fetch` (given Node's fetch), `plain-pool` (given our pooled
 * client). Our gateways keep their own store: PostgreSQL when DATABASE_URL is set, else PGlite in a
 * directory of their own. Prints one JSON line (`{ url }` or `{ subgraphs }`), then serves until SIGTERM.
 * With `BENCH_HEAP_PROFILE=<dir>` a contender samples every allocation, also of objects already collected
 * (V8's sampling heap profiler, one sample per 32 KiB on average), and writes `<dir>/<role>.heapprofile` at
 * SIGTERM: what it allocates under the load, by function (`bench/heap-profile-summary.ts` sums it).
 * At SIGUSR2 a process writes one JSON line to stderr: its resident set and V8 heap spaces (MiB), and, when
 * started with `--expose-gc`, the same after a full collection (what it holds live).
 */
import { writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import type { Fetcher } from '@apollo/utils.fetcher';
import { auditAnchorDir, auditQuarantinePath, auditSpoolPath } from '../gateway/config.ts';
import { checkpointLogPath } from '../gateway/audit/checkpoint-anchors.ts';
import { bufferedResponse, createPooledFetcher } from '../gateway/sign/pooled-fetcher.ts';
import { createSubgraphCallSigner } from '../gateway/sign/sign-subgraph-call.ts';
import { DEPARTMENT_CODES } from '../platform/departments.ts';
import { loadPublicKeySet, watchSigningKey } from '../platform/key-set.ts';
import { demoKeyPath, ensureDemoKeyPair } from '../platform/keys.ts';
import { openStore } from '../platform/store/database.ts';
import { ensureSubjectHmac } from '../platform/subject-key.ts';
import { migrateToLatest } from '../platform/store/migrate.ts';
import { composeSupergraph } from '../schema/compose-supergraph.ts';
import { launchGateway } from '../scripts/launch-gateway.ts';
import { seedStore } from '../subgraphs/info-center/seed.ts';
import { createSubgraphServer } from '../subgraphs/shared/create-subgraph-server.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { createPlainGateway } from './plain-gateway.ts';

const [role, dataDir, urlsJson] = process.argv.slice(2) as [string, string, string | undefined];
const closers: Array<() => Promise<unknown>> = [];

async function startSubgraphs(): Promise<{ subgraphs: string[] }> {
  const gatewayKeys = await loadPublicKeySet(demoKeyPath(dataDir, 'gateway-signing', 'public-keys'));
  const urls: string[] = [];
  for (const subgraph of SUBGRAPHS) {
    const app = await createSubgraphServer(subgraph.definition, { gatewayKeys, logLevel: 'silent' });
    urls.push(`${await app.listen({ host: '127.0.0.1', port: 0 })}/graphql`);
    closers.push(() => app.close());
  }
  return { subgraphs: urls };
}

/**
 * Node's fetch, its answer read whole before it is handed on, as the data source requires of its client: the
 * subgraph guard aborts its signal once the call has resolved, which would cut a body still being streamed.
 */
const bufferedNodeFetch: Fetcher = async (url, init) => {
  const response = await fetch(url, init as RequestInit);
  return bufferedResponse(url, response.status, Object.fromEntries(response.headers), await response.text());
};

async function startContender(urls: string[]): Promise<{ url: string }> {
  const gatewaySigning = await ensureDemoKeyPair(dataDir, 'gateway-signing');
  const departmentSubgraphs = SUBGRAPHS.map((s, i) => ({ name: s.name, typeDefs: s.definition.typeDefs, url: urls[i]! }));
  if (role.startsWith('plain')) {
    const fetcher = role === 'plain-fetch' ? (fetch as unknown as Fetcher) : role === 'plain-pool' ? createPooledFetcher().fetch : undefined;
    const plain = await createPlainGateway(composeSupergraph(departmentSubgraphs), createSubgraphCallSigner(gatewaySigning.privateKey), fetcher);
    closers.push(() => plain.close());
    return { url: `${await plain.listen({ host: '127.0.0.1', port: 0 })}/graphql` };
  }
  const tokenIssuer = await ensureDemoKeyPair(dataDir, 'token-issuer');
  const store = await openStore({ databaseUrl: process.env['DATABASE_URL'], pgliteDir: join(dataDir, `pglite-${role}`) });
  await migrateToLatest(store.db);
  await seedStore(store.db);
  const chain = `bench-${role}`;
  const running = await launchGateway({
    store,
    departmentSubgraphs,
    departments: DEPARTMENT_CODES,
    tokenPublicKey: tokenIssuer.publicKey,
    gatewaySigning,
    host: '127.0.0.1',
    port: 0,
    infoCenterPort: 0,
    logLevel: (process.env['BENCH_LOG_LEVEL'] ?? 'silent') as 'silent',
    audit:
      role === 'ours-audit-off'
        ? undefined
        : {
            chain,
            spoolPath: auditSpoolPath(dataDir, chain),
            quarantinePath: auditQuarantinePath(dataDir, chain),
            checkpointLogPath: checkpointLogPath(auditAnchorDir(dataDir), chain),
            signingKey: watchSigningKey(demoKeyPath(dataDir, 'audit-signing', 'private')),
            // The subject-level access log (art. 22, 23), as `npm run gateway` keeps it: a keyed HMAC per subject served.
            subjectHmac: ensureSubjectHmac(dataDir),
          },
    ...(role === 'ours-fetch' ? { subgraphCalls: { send: bufferedNodeFetch, deduplicate: false } } : {}),
    ...(role === 'ours-no-dedup' ? { subgraphCalls: { deduplicate: false } } : {}),
  });
  closers.push(
    () => running.close(),
    () => store.close(),
  );
  return { url: running.url };
}

const heapProfileDir = process.env['BENCH_HEAP_PROFILE'];
let heapSession: Session | undefined;
if (heapProfileDir && role !== 'subgraphs') {
  heapSession = new Session();
  heapSession.connect();
  await heapSession.post('HeapProfiler.startSampling', {
    samplingInterval: 32_768,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
}

const started = role === 'subgraphs' ? await startSubgraphs() : await startContender(JSON.parse(urlsJson ?? '[]') as string[]);
process.stdout.write(`${JSON.stringify(started)}\n`);
const mib = (bytes: number) => Math.round(bytes / 2 ** 17) / 8;
const memoryNow = () => {
  const usage = process.memoryUsage();
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, mib(space.space_size)]));
  return { rss: mib(usage.rss), heapTotal: mib(usage.heapTotal), heapUsed: mib(usage.heapUsed), external: mib(usage.external), spaces };
};
process.on('SIGUSR2', () => {
  const before = memoryNow();
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  process.stderr.write(`${JSON.stringify({ role, before, ...(collect ? { afterGc: memoryNow() } : {}) })}\n`);
});
process.once('SIGTERM', async () => {
  if (heapSession) {
    const { profile } = await heapSession.post('HeapProfiler.stopSampling');
    writeFileSync(join(heapProfileDir!, `${role}.heapprofile`), JSON.stringify(profile));
  }
  for (const close of closers) await close().catch(() => undefined);
  process.exit(0);
});
