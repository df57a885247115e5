/**
 * Runs in a child process of the benchmark: the six subgraphs, our gateway with audit on and a
 * second one with audit off (same subgraphs, same store), and two plain gateways (Apollo's default
 * HTTP client, and Node's fetch as ours uses). Prints one JSON line with the URLs and a consumer
 * token, then waits. The store is PostgreSQL when DATABASE_URL is set, else PGlite on disk.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Fetcher } from '@apollo/utils.fetcher';
import { createSubgraphCallSigner } from '../gateway/sign/sign-subgraph-call.ts';
import { issueToken } from '../scripts/issue-token.ts';
import { startPlatform } from '../scripts/start-platform.ts';
import { createPlainGateway } from './plain-gateway.ts';

const platform = await startPlatform({ dataDir: mkdtempSync(join(tmpdir(), 'zhoucun-bench-')), gatewayPort: 0, databaseUrl: process.env['DATABASE_URL'] });
const auditOff = await platform.launchAnotherGateway();
const sign = createSubgraphCallSigner(platform.gatewaySigning.privateKey);
const plain = await createPlainGateway(platform.supergraphSdl, sign);
const plainUrl = await plain.listen({ host: '127.0.0.1', port: 0 });
const plainFetch = await createPlainGateway(platform.supergraphSdl, sign, fetch as unknown as Fetcher);
const plainFetchUrl = await plainFetch.listen({ host: '127.0.0.1', port: 0 });
const token = await issueToken(platform.tokenIssuer.privateKey, { dept: 'civil-affairs', app: 'bench' });
process.stdout.write(
  `${JSON.stringify({ ours: platform.gatewayUrl, oursAuditOff: auditOff.url, plain: `${plainUrl}/graphql`, plainFetch: `${plainFetchUrl}/graphql`, store: platform.store.kind, token })}\n`,
);
process.once('SIGTERM', async () => {
  await plain.close();
  await plainFetch.close();
  await auditOff.close();
  await platform.close();
  process.exit(0);
});
