/**
 * The store of record: PostgreSQL when `DATABASE_URL` is set, otherwise an embedded PGlite database
 * in the data directory, so the demo needs nothing installed. Both run the same migrations and the
 * same Kysely queries, each a `db.query` span when it runs inside a trace (platform/observe/trace-queries.ts).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './tables.ts';
import { traceQueries } from '../observe/trace-queries.ts';

export interface DatabaseOptions {
  /** PostgreSQL connection string; absent → embedded PGlite. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; absent → PGlite in memory (tests). */
  pgliteDir?: string | undefined;
  /**
   * A data directory dumped by PGlite's `dumpDataDir` that a new PGlite cluster (in memory, or in a
   * `pgliteDir` that holds none yet) starts from instead of an empty one (tests start each store from
   * one migrated dump: no initdb, no migrations to run).
   */
  pgliteTemplate?: Blob | undefined;
  /** A PostgreSQL connection lost (idle or in use); default one JSON line on standard error. */
  onConnectionError?: (error: Error) => void;
}

/** Written when no `onConnectionError` is given: the loss is seen in the process's log, never thrown. */
function logConnectionLoss(error: Error): void {
  process.stderr.write(
    `${JSON.stringify({ level: 40, time: Date.now(), msg: 'PostgreSQL connection lost; the next query takes a new one', err: error.message })}\n`,
  );
}

export interface Store {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export async function openStore(options: DatabaseOptions): Promise<Store> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, connectionTimeoutMillis: 2_000 });
    // A connection lost while idle (server restart, network cut) must not bring the process down;
    // the next query gets a fresh connection or fails, and the caller fails closed.
    const onConnectionError = options.onConnectionError ?? logConnectionLoss;
    // Every client gets the listener: pg-pool listens for a client's errors only while it is idle, and a
    // connection lost while checked out (a query or transaction under way) would emit `error` with no
    // listener and end the process. The query under way is rejected either way, and its caller fails closed.
    pool.on('connect', (client) => client.on('error', onConnectionError));
    // An idle client's error is also passed on to the pool: reported once, by the client's listener.
    pool.on('error', () => undefined);
    // A store that cannot be reached stops the start instead of failing every request later.
    await pool.query('select 1').catch(async (error: unknown) => {
      await pool.end();
      throw new Error(`Cannot reach PostgreSQL at DATABASE_URL: ${(error as Error).message}`, { cause: error });
    });
    const db = new Kysely<Database>({ dialect: traceQueries(new PostgresDialect({ pool })) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (options.pgliteDir) mkdirSync(options.pgliteDir, { recursive: true });
  // A template seeds only a new cluster: a directory that already holds one opens as it is.
  const seed =
    options.pgliteTemplate && !(options.pgliteDir && existsSync(join(options.pgliteDir, 'PG_VERSION'))) ? { loadDataDir: options.pgliteTemplate } : {};
  const pglite = options.pgliteDir ? new PGlite(options.pgliteDir, seed) : new PGlite(seed);
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: traceQueries(new PGliteDialect(pglite)) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

export function defaultPgliteDir(dataDir: string): string {
  return join(dataDir, 'pglite');
}
