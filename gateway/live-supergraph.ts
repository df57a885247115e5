/**
 * The supergraph a gateway serves and everything derived from it (the share catalog, the abilities
 * built on it, the subgraph endpoints `/readyz` probes), kept as one state and swapped as one.
 * @apollo/gateway is given a `supergraphSdl` hook: each new supergraph from the feed is derived
 * first (a supergraph that cannot be read is refused and the old one stays), then handed to the
 * hook's `update`, which rebuilds the API schema and query planner and clears the plan cache
 * synchronously and tells Apollo Server; the state is replaced in the same turn of the event loop.
 * An operation takes the state once when it starts (`current()`), so it is decided, audited and
 * shaped on one supergraph even when a swap lands while it runs.
 */
import type { SupergraphSdlHook } from '@apollo/gateway';
import { readSubgraphEndpoints, type SubgraphEndpoint } from '../schema/read-subgraph-endpoints.ts';
import type { EnforcementState } from './enforce/enforce-operation.ts';

/** Where new supergraphs come from (the store of record, a watched file). */
export interface SupergraphFeed {
  /** Calls `apply` with each new supergraph; `apply` throws when the gateway refuses it. Returns the function that stops watching. */
  watch(apply: (supergraphSdl: string) => void): () => void;
}

export interface SupergraphState extends EnforcementState {
  sdl: string;
  endpoints: SubgraphEndpoint[];
}

export interface LiveSupergraph {
  current(): SupergraphState;
  /** The hook @apollo/gateway loads the supergraph through. */
  hook: SupergraphSdlHook;
}

export function createLiveSupergraph(options: {
  initialSdl: string;
  /** Reads a supergraph's catalog and abilities; throws for a supergraph the gateway cannot enforce. */
  derive: (supergraphSdl: string) => EnforcementState;
  feed?: SupergraphFeed | undefined;
  onSwap?: (state: SupergraphState) => void;
}): LiveSupergraph {
  const stateOf = (sdl: string): SupergraphState => ({ sdl, endpoints: readSubgraphEndpoints(sdl), ...options.derive(sdl) });
  let state = stateOf(options.initialSdl);
  const hook: SupergraphSdlHook = async ({ update }) => {
    const stop = options.feed?.watch((sdl) => {
      if (sdl === state.sdl) return;
      const next = stateOf(sdl);
      update(sdl);
      state = next;
      options.onSwap?.(next);
    });
    return { supergraphSdl: state.sdl, ...(stop ? { cleanup: async () => stop() } : {}) };
  };
  return { current: () => state, hook };
}
