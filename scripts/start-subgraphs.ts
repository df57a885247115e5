/**
 * `npm run subgraphs`: the six department subgraphs on their ports (4101…), accepting calls signed
 * with any key of the gateway's key set `GATEWAY_PUBLIC_KEY_PATH` (a public JWK or a JWK set of
 * current and retired keys; default the demo set), read again when a call matches none of them;
 * `SUBGRAPH=<name>` starts one only; `REDIS_URL` puts their resolver cache in Redis.
 */
import { readGatewayConfig } from '../gateway/config.ts';
import { demoKeyPath, ensureDemoKeyPair } from '../platform/keys.ts';
import { loadPublicKeySet } from '../platform/key-set.ts';
import { createSubgraphServer } from '../subgraphs/shared/create-subgraph-server.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { stopOnSignal } from './process-lifetime.ts';

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
const apps = await Promise.all(
  selected.map(async (subgraph) => {
    const app = await createSubgraphServer(subgraph.definition, {
      gatewayKeys,
      logLevel: config.logLevel,
      cacheTtlCapSeconds: config.resolverCacheMaxTtlSeconds,
      ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
    });
    await app.listen({ host: config.host, port: subgraph.defaultPort });
    return app;
  }),
);
stopOnSignal(async () => {
  await Promise.all(apps.map((app) => app.close()));
});
