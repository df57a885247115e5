/**
 * One migrated PGlite data directory per test worker, dumped once and loaded by every in-memory
 * store the worker opens: a fresh PGlite otherwise runs initdb and every migration each time (about
 * two seconds per store), as PostgreSQL tests would without `CREATE DATABASE … TEMPLATE`. Each store
 * loaded from it is its own database; nothing written to one is seen by another.
 */
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { migrateToLatest } from '../../platform/store/migrate.ts';
import type { Database } from '../../platform/store/tables.ts';

let template: Promise<Blob> | undefined;

export function migratedPgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const pglite = new PGlite();
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    try {
      await migrateToLatest(db);
      return await pglite.dumpDataDir('none');
    } finally {
      await db.destroy();
    }
  })();
  return template;
}
