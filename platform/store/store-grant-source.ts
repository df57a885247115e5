/**
 * Grants for the gateway's abilities, from the store of record. A snapshot is kept in memory:
 * refreshed at once when this process changes a grant (so the very next request sees it), and when
 * the store's grants version moves (changes made by other gateway instances), checked every
 * `pollMs`. If the store cannot be read for longer than `maxStalenessMs`, `grants()` fails and the
 * gateway serves no conditional item at all (fail closed): a revoked grant is never honoured longer
 * than that bound.
 */
import type { Kysely } from 'kysely';
import type { Grant } from '../../policies/types.ts';
import type { GrantSource } from '../grant-source.ts';
import type { Database } from './tables.ts';
import { loadCurrentGrants, readGrantsVersion } from './grant-rows.ts';

export interface StoreGrantSource extends GrantSource {
  /** Reloads now; resolves when the new snapshot is in use. */
  refresh(): Promise<void>;
  close(): void;
}

export interface StoreGrantSourceOptions {
  /** How often the store's grants version is checked; default 1000 ms. */
  pollMs?: number;
  /** How long a snapshot may go unconfirmed before it is refused; default 5000 ms. */
  maxStalenessMs?: number;
  onError?: (error: unknown) => void;
}

export async function createStoreGrantSource(db: Kysely<Database>, options: StoreGrantSourceOptions = {}): Promise<StoreGrantSource> {
  const pollMs = options.pollMs ?? 1_000;
  const maxStalenessMs = options.maxStalenessMs ?? 5_000;
  let snapshot: readonly Grant[] = [];
  let storeVersion = '';
  let localVersion = 0;
  let confirmedAt = 0;

  let pending: Promise<void> | undefined;
  const reload = async () => {
    const version = await readGrantsVersion(db);
    snapshot = await loadCurrentGrants(db, new Date());
    storeVersion = version;
    localVersion += 1;
    confirmedAt = Date.now();
  };
  // Concurrent refreshes share one reload; requests arriving meanwhile wait for it (settled()).
  const refresh = () => (pending ??= reload().finally(() => (pending = undefined)));
  await refresh();

  const timer = setInterval(() => {
    readGrantsVersion(db)
      .then((version) => (version === storeVersion ? void (confirmedAt = Date.now()) : refresh()))
      .catch((error: unknown) => options.onError?.(error));
  }, pollMs);
  timer.unref();

  return {
    version: () => localVersion,
    grants: () => {
      const age = Date.now() - confirmedAt;
      if (age > maxStalenessMs) throw new Error(`the grant store has not been readable for ${Math.round(age / 1000)} s`);
      return snapshot;
    },
    refresh,
    confirmedAt: () => confirmedAt,
    settled: () => pending?.catch(() => undefined) ?? Promise.resolve(),
    close: () => clearInterval(timer),
  };
}
