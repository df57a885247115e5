/** `npm run migrate`: brings the configured store (DATABASE_URL, or PGlite in DATA_DIR) to the latest schema. */
import { readGatewayConfig } from '../gateway/config.ts';
import { defaultPgliteDir, openStore } from '../platform/store/database.ts';
import { migrateToLatest } from '../platform/store/migrate.ts';

const config = readGatewayConfig();
const store = await openStore({ databaseUrl: config.databaseUrl, pgliteDir: defaultPgliteDir(config.dataDir) });
try {
  const applied = await migrateToLatest(store.db);
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The store is up to date.\n');
} finally {
  await store.close();
}
