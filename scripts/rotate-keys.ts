/**
 * `npm run keys:rotate -- --key audit-signing|gateway-signing [--data-dir <dir>]`: replaces the key
 * in `<dir>/keys` (default DATA_DIR) by a new one and keeps the old public key in the key set
 * (`<name>.public-keys.json`), so that everything it signed still verifies.
 * audit-signing: running gateways sign their next checkpoint with the new key.
 * gateway-signing: subgraphs accept every key of the set (they read it again when a call matches
 * none); gateways sign with the new key once restarted.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { readGatewayConfig } from '../gateway/config.ts';
import { demoKeyPath, ROTATABLE_KEYS, rotateKeyPair } from '../platform/keys.ts';

function fail(message: string): never {
  process.stderr.write(`${message}\nUsage: npm run keys:rotate -- --key <${ROTATABLE_KEYS.join('|')}> [--data-dir <dir>]\n`);
  process.exit(2);
}

let values: { key?: string; 'data-dir'?: string };
try {
  ({ values } = parseArgs({ options: { key: { type: 'string' }, 'data-dir': { type: 'string' } } }));
} catch (error) {
  fail((error as Error).message);
}
const name = ROTATABLE_KEYS.find((key) => key === values.key);
if (!name) fail(`--key must be one of ${ROTATABLE_KEYS.join(', ')}`);
const dataDir = values['data-dir'] ? resolve(values['data-dir']) : readGatewayConfig().dataDir;
const { retired, current } = await rotateKeyPair(dataDir, name);
process.stdout.write(`${name}: key ${current} is current; ${retired} retired, kept in ${demoKeyPath(dataDir, name, 'public-keys')} for verification.\n`);
