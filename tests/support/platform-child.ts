/**
 * The platform in a child process, for tests that kill it: prints one JSON line with the gateway URL
 * and a consumer token, then serves until killed. Configured by DATABASE_URL and DATA_DIR.
 */
import { issueToken } from '../../scripts/issue-token.ts';
import { startPlatform } from '../../scripts/start-platform.ts';

const platform = await startPlatform({
  dataDir: process.env['DATA_DIR']!,
  gatewayPort: 0,
  databaseUrl: process.env['DATABASE_URL'],
  auditChain: 'gateway-under-test',
});
const token = await issueToken(platform.tokenIssuer.privateKey, { dept: 'civil-affairs', app: 'load' });
process.stdout.write(`${JSON.stringify({ url: platform.gatewayUrl, token })}\n`);
