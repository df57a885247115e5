/**
 * `npm run subgraphs`: the six department subgraphs on their ports (4101…), accepting calls signed
 * with any key of the gateway's key set `GATEWAY_PUBLIC_KEY_PATH` (a public JWK or a JWK set of
 * current and retired keys; default the demo set), read again when a call matches none of them;
 * `SUBGRAPH=<name>` starts one only
 * (on `SUBGRAPH_PORT` if given); `SUBGRAPH_METRICS_PORT` (default 9465) serves the process's metrics; `REDIS_URL` puts their resolver cache in Redis.
 */
import { tracing } from './start-tracing.ts';
import { readGatewayConfig } from '../gateway/config.ts';
import { demoKeyPath, ensureDemoKeyPair } from '../platform/keys.ts';
import { loadPublicKeySet } from '../platform/key-set.ts';
import { createSubgraphServer } from '../subgraphs/shared/create-subgraph-server.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { stopOnSignal } from './process-lifetime.ts';
import { createSubgraphMetrics } from '../subgraphs/shared/subgraph-metrics.ts';
import { startMetricsEndpoint } from '../platform/observe/metrics-endpoint.ts';

const config = readGatewayConfig();
const publicKeyPath = process.env['GATEWAY_PUBLIC_KEY_PATH'];
if (!publicKeyPath) await ensureDemoKeyPair(config.dataDir, 'gateway-signing');
const gatewayKeys = await loadPublicKeySet(publicKeyPath ?? demoKeyPath(config.dataDir, 'gateway-signing', 'public-keys'));
// SUBGRAPH=<name> starts one department only (one container per department).
const only = process.env['SUBGRAPH'];
const selected = only ? SUBGRAPHS.filter((subgraph) => subgraph.name === only) : SUBGRAPHS;
if (selected.length === 0) {
  process.stderr.write(`SUBGRAPH must be one of ${SUBGRAPHS.map((s) => s.name).join(', ')}\n`);
  process.exit(1);
}
const metrics = createSubgraphMetrics();
// SUBGRAPH_PORT=<port> moves that one department off its default port.
const rawPort = process.env['SUBGRAPH_PORT'];
const port = rawPort ? Number(rawPort) : undefined;
if (port !== undefined && (!only || !Number.isInteger(port) || port < 1 || port > 65535)) {
  process.stderr.write('SUBGRAPH_PORT must be a port number, and only with SUBGRAPH=<name>\n');
  process.exit(1);
}
const apps = await Promise.all(
  selected.map(async (subgraph) => {
    const app = await createSubgraphServer(subgraph.definition, {
      gatewayKeys,
      logLevel: config.logLevel,
      metrics,
      cacheTtlCapSeconds: config.resolverCacheMaxTtlSeconds,
      ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
    });
    await app.listen({ host: config.host, port: only && port !== undefined ? port : subgraph.defaultPort });
    return app;
  }),
);
// Its own registry on its own port (SUBGRAPH_METRICS_PORT), never on a department's port.
const metricsEndpoint = config.subgraphMetrics ? await startMetricsEndpoint(metrics.registry, config.subgraphMetrics) : undefined;
stopOnSignal(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await metricsEndpoint?.close();
  await tracing?.shutdown();
});
