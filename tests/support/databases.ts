/**
 * The two stores the governance tests run on: embedded PGlite, and the machine's real PostgreSQL
 * (127.0.0.1:5432, user postgres, or `TEST_POSTGRES_URL`) with a fresh database per test file.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { openStore, type Store } from '../../platform/store/database.ts';
import { migrateToLatest } from '../../platform/store/migrate.ts';
import type { Database } from '../../platform/store/tables.ts';
import { migratedPgliteTemplate } from './pglite-template.ts';

const ADMIN_URL = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** Undefined for PGlite. */
  databaseUrl: string | undefined;
  drop(): Promise<void>;
}

export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `zhoucun_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export const STORE_BACKENDS: ReadonlyArray<[string, () => Promise<TestDatabase>]> = [
  ['PGlite', async () => ({ databaseUrl: undefined, drop: async () => undefined })],
  ['PostgreSQL', createPostgresDatabase],
];

/** A fresh database on one backend, opened as a migrated store; `close` closes the store and drops the database. */
export async function openMigratedStore(
  createDatabase: () => Promise<TestDatabase>,
): Promise<{ database: TestDatabase; store: Store; close(): Promise<void> }> {
  const database = await createDatabase();
  const store = await openStore(database.databaseUrl ? { databaseUrl: database.databaseUrl } : { pgliteTemplate: await migratedPgliteTemplate() });
  await migrateToLatest(store.db);
  return {
    database,
    store,
    close: async () => {
      await store.close();
      await database.drop();
    },
  };
}

/** How many governance events the store holds. */
export async function countGovernanceEvents(db: Kysely<Database>): Promise<number> {
  const { n } = await db
    .selectFrom('governance_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
