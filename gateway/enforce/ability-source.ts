/**
 * Step 3, ability: the share ability of (department, purpose), built from the supergraph's share
 * metadata and the grants, and cached until the grants change or a grant starts or ends.
 * If the grants cannot be read, nothing conditional is served (fail closed).
 */
import { buildShareAbility, type ShareAbility } from '../../policies/build-share-ability.ts';
import type { Consumer, Grant, Purpose, ShareCatalog } from '../../policies/types.ts';
import type { GrantSource } from '../../platform/grant-source.ts';

export interface AbilitySource {
  /** Waits for a grants reload under way, so no request is decided on grants known to be stale. */
  settled(): Promise<void>;
  /** Without a purpose, no grant applies: only unconditional items and the consumer's own. */
  abilityFor(consumer: Consumer, purpose: Purpose | undefined): ShareAbility;
}

export function createAbilitySource(options: {
  catalog: ShareCatalog;
  grants: GrantSource;
  now?: () => Date;
  onGrantsUnreadable?: (error: unknown) => void;
}): AbilitySource {
  const now = options.now ?? (() => new Date());
  const cache = new Map<string, { ability: ShareAbility; version: number; validUntil: number }>();
  const settled = Promise.resolve();
  return {
    settled: () => options.grants.settled?.() ?? settled,
    abilityFor(consumer, purpose) {
      const key = `${consumer.dept}\n${purpose ?? ''}`;
      const at = now();
      let version: number;
      let grants: readonly Grant[];
      try {
        // Asked every time, even when an ability is cached: a source that cannot vouch for its
        // grants any more throws, and then no conditional item is served.
        version = options.grants.version();
        grants = options.grants.grants();
      } catch (error) {
        options.onGrantsUnreadable?.(error);
        cache.delete(key);
        return buildShareAbility({ consumer, purpose, catalog: options.catalog, grants: [], now: at }).ability;
      }
      const cached = cache.get(key);
      if (cached && cached.version === version && cached.validUntil > at.getTime()) return cached.ability;
      const built = buildShareAbility({ consumer, purpose, catalog: options.catalog, grants, now: at });
      cache.set(key, { ability: built.ability, version, validUntil: built.validUntil?.getTime() ?? Number.POSITIVE_INFINITY });
      return built.ability;
    },
  };
}
