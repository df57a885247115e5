/**
 * Runs in a child process of `npm run bench:hostile`: the platform (six subgraphs, gateway, store on
 * PGlite in a temporary directory). Prints one JSON line with the gateway URL and a consumer token.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '../scripts/issue-token.ts';
import { startPlatform } from '../scripts/start-platform.ts';

const platform = await startPlatform({ dataDir: mkdtempSync(join(tmpdir(), 'zhoucun-hostile-')), gatewayPort: 0, pgliteInMemory: true });
const token = await issueToken(platform.tokenIssuer.privateKey, { dept: 'civil-affairs', app: 'hostile-bench' });
process.stdout.write(`${JSON.stringify({ url: platform.gatewayUrl, token })}\n`);
process.once('SIGTERM', async () => {
  await platform.close();
  process.exit(0);
});
