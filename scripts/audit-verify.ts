/**
 * `npm run audit:verify`: checks the whole audit trail of the configured store (DATABASE_URL, or
 * PGlite in DATA_DIR) against the gateway's public key (GATEWAY_PUBLIC_KEY_PATH, default the demo
 * key). Prints what it verified and every quarantined record (its content was refused by the store;
 * it is accepted in its place only because its JSON hashes to the chain's hash); exits 1 naming the
 * first broken record.
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
  const quarantined = report.quarantined.map((held) => `  chain ${held.chain}, record ${held.seq}, quarantined ${held.at}: ${held.reason}\n`).join('');
  if (report.ok) {
    process.stdout.write(`Audit trail intact: ${report.records} records in ${report.chains} chain(s), ${report.checkpoints} signed checkpoint(s) verified.\n`);
    if (quarantined) process.stdout.write(`${report.quarantined.length} quarantined record(s), each matching its place in the chain (the store refused their content; see audit_quarantine):\n${quarantined}`);
  } else {
    process.stderr.write(`Audit trail BROKEN after ${report.records} verified records: ${report.problem}\n`);
    process.exitCode = 1;
  }
} finally {
  await store.close();
}
