/**
 * `npm run audit:verify [-- --anchors <dir> …] [--archives <dir>] [--record]`: checks the whole audit trail of the configured
 * store (DATABASE_URL, or PGlite in DATA_DIR) — hash chains, checkpoint signatures against the audit
 * key set (AUDIT_PUBLIC_KEYS_PATH, default the demo set), the checkpoint cadence, and every
 * checkpoint anchored outside the store: the checkpoint logs in `--anchors` (default DATA_DIR/audit
 * when it exists) and, when REDIS_URL is set, the copies published to Redis — and the governance
 * event log's hash chain (the subject log is each record's own list of subjects, covered by its hash; an
 * archive's subject rows are checked against it). Prints what it verified and every quarantined record (its content was
 * refused by the store; it is accepted in its place only because its JSON hashes to the chain's
 * hash); exits 1 naming the first break, 2 when it cannot run. With `--archives <dir>` (the ARCHIVE_DIR of
 * `npm run audit:archive`) each chain is verified from its first record through the signed archives into
 * the store; an archive missing, unsigned, altered or replaced is named. Without it, a chain whose
 * beginning was archived is verified from the last archived record the store notes. With `--record` the
 * result (verdict, counts, the first 50 problems, this host and process) is also stored in
 * `audit_verifications`, where the gateways read it for the operator's `auditIntegrity`; schedule it
 * at least daily (cron, or the CronJob in docker/k8s/). A run that cannot verify records `ok: false`.
 * A directory flag whose value is not a readable directory (a file, nothing, a path over 4096
 * characters or with a control, bidi or other format character) stops the command before it reads
 * anything: exit 2, naming the character, not echoing the path.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { screenText } from '../policies/screen-text.ts';
import { auditAnchorDir, readGatewayConfig } from '../gateway/config.ts';
import { demoKeyPath, ensureDemoKeyPair } from '../platform/keys.ts';
import { loadPublicKeySet } from '../platform/key-set.ts';
import { checkpointLogAnchors, redisCheckpointAnchors, type CheckpointAnchors } from '../gateway/audit/checkpoint-anchors.ts';
import { unverifiedReport, verifyAuditChains } from '../gateway/audit/verify-audit-chain.ts';
import { recordVerification, verificationSummary } from '../gateway/audit/audit-integrity.ts';
import { verifyGovernanceEvents } from '../subgraphs/info-center/governance-event-chain.ts';
import { closeRedis, connectRedis, type Redis } from '../gateway/cache/redis-connection.ts';
import { defaultPgliteDir, openStore } from '../platform/store/database.ts';
import { migrateToLatest } from '../platform/store/migrate.ts';

function fail(message: string): never {
  process.stderr.write(`${message}\nUsage: npm run audit:verify [-- --anchors <dir> ...] [--archives <dir>] [--record]\n`);
  process.exit(2);
}

let values: { anchors?: string[]; archives?: string; record?: boolean };
try {
  ({ values } = parseArgs({ options: { anchors: { type: 'string', multiple: true }, archives: { type: 'string' }, record: { type: 'boolean' } } }));
} catch (error) {
  fail((error as Error).message);
}
/** The longest path a directory flag takes (Linux's PATH_MAX). */
const MAX_PATH = 4096;

/** Why a directory flag's value cannot be read as a directory, or undefined; a bad value is never echoed whole. */
function directoryProblem(flag: string, path: string): string | undefined {
  if (path.length === 0) return `${flag}: empty — a directory is needed`;
  if (path.length > MAX_PATH) return `${flag}: a path of ${path.length} characters, longer than ${MAX_PATH}`;
  // The project's text screening: control, format (bidi, zero-width) and separator characters, lone surrogates.
  const screened = screenText(path, { maxLength: MAX_PATH });
  if (!screened.ok) return `${flag}: the path holds ${'codePoint' in screened ? screened.codePoint : 'a character'}, a control, format or separator character`;
  try {
    if (!statSync(path).isDirectory()) return `${flag} ${path}: not a directory`;
    accessSync(path, constants.R_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? `${flag} ${path}: no such directory` : `${flag} ${path}: cannot be read (${code ?? 'unknown'})`;
  }
  return undefined;
}

for (const [flag, dirs] of [
  ['--anchors', values.anchors ?? []],
  ['--archives', values.archives === undefined ? [] : [values.archives]],
] as const) {
  for (const dir of dirs) {
    const problem = directoryProblem(flag, dir);
    if (problem) fail(problem);
  }
}
const config = readGatewayConfig();
const anchorDirs = values.anchors ?? (existsSync(auditAnchorDir(config.dataDir)) ? [auditAnchorDir(config.dataDir)] : []);
if (!config.auditPublicKeysPath) await ensureDemoKeyPair(config.dataDir, 'audit-signing');
const keys = await loadPublicKeySet(config.auditPublicKeysPath ?? demoKeyPath(config.dataDir, 'audit-signing', 'public-keys'));
let redis: Redis | undefined;
const anchors: CheckpointAnchors[] = anchorDirs.map(checkpointLogAnchors);
if (config.redisUrl) {
  redis = connectRedis(config.redisUrl, () => undefined);
  anchors.push(redisCheckpointAnchors(redis, config.redisPrefix));
}
let broken = false;
const store = await openStore({ databaseUrl: config.databaseUrl, pgliteDir: defaultPgliteDir(config.dataDir) });
const startedAt = new Date();
try {
  await migrateToLatest(store.db);
  const report = await verifyAuditChains(store.db, { keys, anchors, ...(values.archives === undefined ? {} : { archiveDir: values.archives }) });
  const quarantined = report.quarantined.map((held) => `  chain ${held.chain}, record ${held.seq}, quarantined ${held.at}: ${held.reason}\n`).join('');
  if (report.ok) {
    const against = anchors.length > 0 ? `, ${report.anchored} of them anchored in ${anchors.map((a) => a.name).join(' and ')}` : ', no anchors given';
    process.stdout.write(
      `Audit trail intact: ${report.records} records in ${report.chains} chain(s), ${report.checkpoints} signed checkpoint(s) verified${against}.\n`,
    );
    if (values.archives !== undefined)
      process.stdout.write(
        `Archives intact: ${report.archivedMonths.length} signed month(s) in ${values.archives}${report.archivedMonths.length > 0 ? ` (${report.archivedMonths.join(', ')})` : ''}, each chain verified from its first record into the store.\n`,
      );
    if (quarantined)
      process.stdout.write(
        `${report.quarantined.length} quarantined record(s), each matching its place in the chain (the store refused their content; see audit_quarantine):\n${quarantined}`,
      );
    process.stdout.write(`Subject log intact: ${report.subjectRows} subject and provider pair(s), as the verified records list them.\n`);
  } else {
    process.stderr.write(`Audit trail BROKEN after ${report.records} verified records: ${report.problem}\n`);
    broken = true;
  }
  const governance = await verifyGovernanceEvents(store.db);
  if (governance.ok) {
    process.stdout.write(`Governance log intact: ${governance.events} events chained.\n`);
  } else {
    process.stderr.write(`Governance log BROKEN after ${governance.events} verified events: ${governance.problem}\n`);
    broken = true;
  }
  if (values.record) {
    const more = governance.ok ? [] : [`governance log: ${governance.problem ?? 'broken'}`];
    await recordVerification(store.db, { startedAt, finishedAt: new Date(), ok: report.ok && governance.ok, summary: verificationSummary(report, more) });
    process.stdout.write('Result recorded in audit_verifications.\n');
  }
} catch (error) {
  // A recorded run that could not verify says so (the operator sees ok false, not an old intact result); exit 2 as before.
  if (values.record)
    await recordVerification(store.db, {
      startedAt,
      finishedAt: new Date(),
      ok: false,
      summary: verificationSummary(unverifiedReport(`not verified: ${(error as Error).message}`)),
    }).catch(() => undefined);
  throw error;
} finally {
  await store.close();
  await closeRedis(redis);
}
// Set only now: closing PGlite sets the process's exit code to its own (0), which would hide a break.
if (broken) process.exitCode = 1;
