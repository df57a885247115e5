/**
 * Where a gateway process takes new supergraphs from. From the store of record: the published
 * subgraphs composed with this process's info-center subgraph, again whenever the store's
 * supergraph version moves (announced on the invalidation bus, and polled as the fallback). From a
 * supergraph file (`SUPERGRAPH_PATH`): the file, watched, each new content held to the same
 * supergraph checks as at start.
 */
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { Kysely } from 'kysely';
import type { SupergraphFeed } from '../gateway/live-supergraph.ts';
import { loadPublishedSubgraphs, readSupergraphVersion } from '../platform/store/subgraph-rows.ts';
import type { Database } from '../platform/store/tables.ts';
import { composeSupergraph, SupergraphRejectedError, type SubgraphSource } from '../schema/compose-supergraph.ts';
import { checkSupergraph } from '../schema/publish-checks/check-supergraph.ts';

export interface StoreSupergraphFeed extends SupergraphFeed {
  /** Composes now if the store's version moved; resolves once the new supergraph is in use. */
  refresh(): Promise<void>;
}

/** The published subgraphs and the given local ones (the info-center), composed through the publish checks. */
export async function composeFromStore(db: Kysely<Database>, local: readonly SubgraphSource[]): Promise<string> {
  return composeSupergraph([...(await loadPublishedSubgraphs(db)), ...local]);
}

export function storeSupergraphFeed(options: {
  db: Kysely<Database>;
  local: readonly SubgraphSource[];
  /** The version the first supergraph was composed at. */
  composedAt: string;
  /** Runs first whenever the version moved (the launcher reads the department registry again). */
  onMoved?: () => Promise<void>;
  pollMs?: number;
  onError: (error: unknown) => void;
}): StoreSupergraphFeed {
  let version = options.composedAt;
  let apply: ((sdl: string) => void) | undefined;
  let pending: Promise<void> | undefined;
  const reload = async () => {
    const seen = await readSupergraphVersion(options.db);
    if (seen === version || !apply) return;
    await options.onMoved?.();
    const sdl = await composeFromStore(options.db, options.local);
    apply(sdl);
    version = seen;
  };
  let queued: Promise<void> | undefined;
  // A refresh asked for while a reload runs (which may have read the version before the change) runs once more after it.
  const refresh = (): Promise<void> => {
    if (!pending) return (pending = reload().finally(() => (pending = undefined)));
    return (queued ??= pending
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return refresh();
      }));
  };
  return {
    refresh,
    watch(onSupergraph) {
      apply = onSupergraph;
      const timer = setInterval(() => void refresh().catch(options.onError), options.pollMs ?? 1_000);
      timer.unref();
      return () => {
        clearInterval(timer);
        apply = undefined;
      };
    },
  };
}

/** Reads and checks a supergraph file; throws with every problem named. */
export function readCheckedSupergraphFile(path: string): string {
  const sdl = readFileSync(path, 'utf8');
  const violations = checkSupergraph(sdl);
  if (violations.length > 0) throw new SupergraphRejectedError(violations, []);
  return sdl;
}

export function fileSupergraphFeed(path: string, onError: (error: unknown) => void, intervalMs = 500): SupergraphFeed {
  return {
    watch(apply) {
      const listener = () => {
        try {
          apply(readCheckedSupergraphFile(path));
        } catch (error) {
          onError(error);
        }
      };
      watchFile(path, { interval: intervalMs }, listener);
      return () => unwatchFile(path, listener);
    },
  };
}
