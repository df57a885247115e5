/**
 * `npm run audit:verify`: checks the whole audit trail of the configured store (DATABASE_URL, or
 * PGlite in DATA_DIR) against the gateway's public key (GATEWAY_PUBLIC_KEY_PATH, default the demo
 * key). Prints what it verified; exits 1 naming the first broken record.
 */
import { readGatewayConfig } from '../gateway/config.ts';
import { ensureDemoKeyPair, loadPublicKey } from '../gateway/keys.ts';
import { verifyAuditChains } from '../gateway/audit/verify-audit-chain.ts';
import { defaultPgliteDir, openStore } from '../gateway/store/database.ts';
import { migrateToLatest } from '../gateway/store/migrate.ts';

const config = readGatewayConfig();
const publicKeyPath = process.env['GATEWAY_PUBLIC_KEY_PATH'];
const publicKey = publicKeyPath ? await loadPublicKey(publicKeyPath) : (await ensureDemoKeyPair(config.dataDir, 'gateway-signing')).publicKey;
const store = await openStore({ databaseUrl: config.databaseUrl, pgliteDir: defaultPgliteDir(config.dataDir) });
try {
  await migrateToLatest(store.db);
  const report = await verifyAuditChains(store.db, publicKey);
  if (report.ok) {
    process.stdout.write(`Audit trail intact: ${report.records} records in ${report.chains} chain(s), ${report.checkpoints} signed checkpoint(s) verified.\n`);
  } else {
    process.stderr.write(`Audit trail BROKEN after ${report.records} verified records: ${report.problem}\n`);
    process.exitCode = 1;
  }
} finally {
  await store.close();
}
