/**
 * `npm run audit:archive [-- --dry-run]`: archives every month of the audit trail
 * past the regulation profile's `auditRetentionMonths` (REGULATION_PROFILE; at least six months),
 * oldest first, into ARCHIVE_DIR (default DATA_DIR/audit-archive): one gzip'd NDJSON file per month
 * (records with their subject rows, the checkpoints covering them, quarantined records, the result of
 * verifying them) and its detached signature with the audit key (AUDIT_SIGNING_KEY_PATH, default the
 * demo key). Each file is read back and verified against the audit key set (AUDIT_PUBLIC_KEYS_PATH)
 * before the month's partitions are dropped; the month's days are rolled up first (audit_daily_*), so
 * evaluation reports still count them. Fail closed: the first month that cannot be archived
 * stops the run with its reason, nothing of it dropped; exit 1. Exit 2 when the command cannot run.
 */
import { parseArgs } from 'node:util';
import { readGatewayConfig } from '../gateway/config.ts';
import { archiveAuditMonth, ArchiveRefused, monthsPastRetention } from '../gateway/audit/archive-audit-month.ts';
import { demoKeyPath, ensureDemoKeyPair, loadKeyPair } from '../platform/keys.ts';
import { loadPublicKeySet } from '../platform/key-set.ts';
import { defaultPgliteDir, openStore } from '../platform/store/database.ts';
import { migrateToLatest } from '../platform/store/migrate.ts';
import { addAuditMonths, auditMonthStart } from '../platform/store/audit-partitions.ts';
import { rollUpAuditDays } from '../subgraphs/info-center/audit-rollup.ts';

const USAGE = 'Usage: npm run audit:archive [-- --dry-run]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values: { 'dry-run'?: boolean };
try {
  ({ values } = parseArgs({ options: { 'dry-run': { type: 'boolean' } } }));
} catch (error) {
  fail((error as Error).message);
}
const config = readGatewayConfig();
const retention = config.regulationProfile.auditRetentionMonths;
if (!config.auditSigningKeyPath) await ensureDemoKeyPair(config.dataDir, 'audit-signing');
const key = await loadKeyPair(config.auditSigningKeyPath ?? demoKeyPath(config.dataDir, 'audit-signing', 'private'));
const keys = await loadPublicKeySet(config.auditPublicKeysPath ?? demoKeyPath(config.dataDir, 'audit-signing', 'public-keys'));
const store = await openStore({ databaseUrl: config.databaseUrl, pgliteDir: defaultPgliteDir(config.dataDir) });
let failed = false;
try {
  await migrateToLatest(store.db);
  const now = new Date();
  const months = await monthsPastRetention(store.db, retention, now);
  if (months.length === 0) process.stdout.write(`No audit month is past the retention of ${retention} months (${config.regulationProfile.name}).\n`);
  for (const month of months) {
    if (values['dry-run']) {
      process.stdout.write(`${month}: past the retention of ${retention} months; would be archived to ${config.archiveDir}\n`);
      continue;
    }
    try {
      // The evaluation report reads ended days from the daily roll-up: the month's days are rolled before its records leave.
      const lastDay = new Date(auditMonthStart(addAuditMonths(month, 1)).getTime() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
      await rollUpAuditDays(store.db, `${month}-01`, lastDay, now);
      const result = await archiveAuditMonth(store.db, month, { dir: config.archiveDir, key, keys, now });
      const chains = result.chains.map((c) => `${c.chain} ${c.fromSeq}–${c.throughSeq}`).join(', ') || 'no records';
      process.stdout.write(
        `${month}: archived to ${config.archiveDir}/${result.file} (${result.records} records, ${result.subjectRows} subject and provider pairs; ${chains}), verified, partition dropped.\n`,
      );
    } catch (error) {
      if (!(error instanceof ArchiveRefused)) throw error;
      process.stderr.write(`Audit archive FAILED, nothing of ${month} dropped: ${error.message}\n`);
      failed = true;
      break;
    }
  }
} finally {
  await store.close();
}
// Set only now: closing PGlite sets the process's exit code to its own (0).
if (failed) process.exitCode = 1;
