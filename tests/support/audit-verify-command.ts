/**
 * `npm run audit:verify` as an operator runs it: a Node child process reading the store of the
 * given data directory (PGlite in `dataDir/pglite`) or PostgreSQL. A PGlite directory is one
 * process's at a time, so whoever wrote to it closes it before the command runs.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import type { Kysely } from 'kysely';
import { defaultPgliteDir, openStore } from '../../platform/store/database.ts';
import type { Database } from '../../platform/store/tables.ts';

const root = new URL('../..', import.meta.url).pathname;

export interface AuditStoreLocation {
  dataDir: string;
  /** PostgreSQL; undefined → the PGlite of `dataDir`. */
  databaseUrl: string | undefined;
}

/** Runs the command with only this store, key set and Redis (none unless given) configured. */
export function runAuditVerify(store: AuditStoreLocation, options: { publicKeysPath?: string; args?: string[] } = {}): SpawnSyncReturns<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: store.dataDir };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'AUDIT_PUBLIC_KEYS_PATH']) delete env[name];
  if (store.databaseUrl) env['DATABASE_URL'] = store.databaseUrl;
  if (options.publicKeysPath) env['AUDIT_PUBLIC_KEYS_PATH'] = options.publicKeysPath;
  return spawnSync(process.execPath, ['scripts/audit-verify.ts', ...(options.args ?? [])], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
}

/** Opens the store for one change (a tamperer's), and closes it again so that the command can open it. */
export async function changeClosedStore<T>(store: AuditStoreLocation, change: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const opened = await openStore({ databaseUrl: store.databaseUrl, pgliteDir: defaultPgliteDir(store.dataDir) });
  try {
    return await change(opened.db);
  } finally {
    await opened.close();
  }
}
