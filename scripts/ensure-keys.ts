/**
 * `node scripts/ensure-keys.ts`: creates the demo key pairs in `DATA_DIR/keys` if they are missing
 * (a one-shot step before several containers share them). Production keys come from files named by
 * TOKEN_PUBLIC_KEY_PATH, GATEWAY_SIGNING_KEY_PATH, GATEWAY_PUBLIC_KEY_PATH, AUDIT_SIGNING_KEY_PATH and
 * AUDIT_PUBLIC_KEYS_PATH instead.
 */
import { readGatewayConfig } from '../gateway/config.ts';
import { demoKeyPath, ensureDemoKeyPair } from '../platform/keys.ts';

const config = readGatewayConfig();
for (const name of ['token-issuer', 'gateway-signing', 'audit-signing'] as const) {
  await ensureDemoKeyPair(config.dataDir, name);
  process.stdout.write(`${demoKeyPath(config.dataDir, name, 'public')}\n`);
}
