/**
 * Runs in a child process of the benchmark: the six subgraphs, our gateway and the plain gateway
 * over the same subgraphs. Prints one JSON line with the URLs and a consumer token, then waits.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSubgraphCallSigner } from '../gateway/sign-subgraph-call.ts';
import { issueToken } from '../scripts/issue-token.ts';
import { startPlatform } from '../scripts/start-platform.ts';
import { createPlainGateway } from './plain-gateway.ts';

const platform = await startPlatform({ dataDir: mkdtempSync(join(tmpdir(), 'zhoucun-bench-')), gatewayPort: 0 });
const plain = await createPlainGateway(platform.supergraphSdl, createSubgraphCallSigner(platform.gatewaySigning.privateKey));
const plainUrl = await plain.listen({ host: '127.0.0.1', port: 0 });
const token = await issueToken(platform.tokenIssuer.privateKey, { dept: 'civil-affairs', app: 'bench' });
process.stdout.write(`${JSON.stringify({ ours: platform.gatewayUrl, plain: `${plainUrl}/graphql`, token })}\n`);
process.once('SIGTERM', async () => {
  await plain.close();
  await platform.close();
  process.exit(0);
});
