/**
 * The grant-source port: where the gateway's abilities take their grants from. The store of record
 * provides one (`platform/store/store-grant-source.ts`); tests and benchmark baselines hold grants in
 * memory. Both the launcher and the gateway reach it here, without reaching into each other.
 */
import type { Grant } from '../policies/types.ts';

/** Where grants come from; `version` changes whenever any grant does. */
export interface GrantSource {
  version(): number;
  grants(): readonly Grant[];
  /** Resolves once a reload already under way (another instance changed grants) has landed. */
  settled?(): Promise<void>;
  /** When (epoch ms) the grants in use were last confirmed against their store; absent for grants held in memory. */
  confirmedAt?(): number;
}

/** Grants held in memory (the seed grants of the demo); `replace` makes a change visible at once. */
export interface MemoryGrantSource extends GrantSource {
  replace(grants: readonly Grant[]): void;
}

export function createMemoryGrantSource(initial: readonly Grant[]): MemoryGrantSource {
  let current = initial;
  let version = 0;
  return {
    version: () => version,
    grants: () => current,
    replace(grants) {
      current = grants;
      version += 1;
    },
  };
}
