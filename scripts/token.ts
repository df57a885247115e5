/**
 * `npm run token -- --dept <code> [--roles consumer,provider-admin] [--app <id>] [--ttl 12h]`
 *
 * Without `--app`, a token with an administrative role is issued to the department's first sharing
 * administrator of the demo registry (`<dept>-admin`), the only application governance honours the
 * role for until the operator lists others; a consumer token to `<dept>-app`.
 */
import { parseArgs } from 'node:util';
import { readGatewayConfig } from '../gateway/config.ts';
import { ensureDemoKeyPair } from '../platform/keys.ts';
import { ROLES, type Role } from '../policies/types.ts';
import { DEPARTMENT_CODES } from '../platform/departments.ts';
import { issueToken } from './issue-token.ts';

function fail(message: string): never {
  process.stderr.write(`${message}\nUsage: npm run token -- --dept <${DEPARTMENT_CODES.join('|')}> [--roles ${ROLES.join(',')}] [--app <id>] [--ttl 12h]\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({ options: { dept: { type: 'string' }, roles: { type: 'string' }, app: { type: 'string' }, ttl: { type: 'string' } } }));
} catch (error) {
  fail((error as Error).message);
}
if (!values.dept || !(DEPARTMENT_CODES as readonly string[]).includes(values.dept)) fail(`--dept must be one of ${DEPARTMENT_CODES.join(', ')}`);
const roles = (values.roles ?? 'consumer').split(',').map((role) => role.trim());
if (!roles.every((role) => (ROLES as readonly string[]).includes(role))) fail(`--roles must be a subset of ${ROLES.join(', ')}`);

const administrative = roles.includes('provider-admin') || roles.includes('platform-admin');
const app = values.app ?? (administrative ? `${values.dept}-admin` : undefined);

const config = readGatewayConfig();
const issuer = await ensureDemoKeyPair(config.dataDir, 'token-issuer');
process.stdout.write(
  `${await issueToken(issuer.privateKey, { dept: values.dept, roles: roles as Role[], ...(app ? { app } : {}), expiresIn: values.ttl ?? '12h' })}\n`,
);
