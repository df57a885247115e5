/** `npm start`: the six department subgraphs and the gateway on embedded defaults. */
import { readGatewayConfig } from '../gateway/config.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { launchSettings, stopOnSignal } from './process-lifetime.ts';
import { startPlatform } from './start-platform.ts';
import { ensureConsoleBuilt } from './console-bundle.ts';

if (await ensureConsoleBuilt()) process.stdout.write('Built the web console (console/dist).\n');

const config = readGatewayConfig();
const platform = await startPlatform({
  dataDir: config.dataDir,
  gatewayPort: config.port,
  defaultSubgraphPorts: true,
  databaseUrl: config.databaseUrl,
  ...launchSettings(config),
  resolverCacheMaxTtlSeconds: config.resolverCacheMaxTtlSeconds,
  logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
});

process.stdout.write(`
Zhoucun data-sharing gateway is running.

  Web console        ${platform.gatewayUrl.replace(/\/graphql$/, '/console/')}   (demo sign-in: pick a department and role)
  GraphQL endpoint   ${platform.gatewayUrl}
  Subgraphs          ${platform.subgraphs.map((s) => `${s.name} ${s.url}`).join('\n                     ')}
  Metrics            ${platform.metricsUrl ?? 'off (METRICS_PORT=0)'}
  Store              ${platform.store.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}/pglite`}
  Caches             ${config.redisUrl ? 'Redis (REDIS_URL)' : 'in memory'}

Get a token for a consumer department (in another terminal):
  npm run token -- --dept civil-affairs

Then query, declaring the purpose of use:
  curl -s ${platform.gatewayUrl} \\
    -H "Authorization: Bearer $(npm run -s token -- --dept civil-affairs)" \\
    -H "X-Share-Purpose: ADMINISTRATIVE_BASIS" -H "Content-Type: application/json" \\
    -d '{"query":"{ resident(citizenId: \\"${DEMO.resident}\\") { name monthlyPension criminalRecord } }"}'

Press Ctrl+C to stop.
`);

stopOnSignal(() => platform.close());
