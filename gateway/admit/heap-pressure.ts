/**
 * Load shedding before the heap runs out (art. 19: a stable platform). The gateway runs with a heap
 * sized for its container (`GATEWAY_NODE_FLAGS` in gateway/config.ts); when what is live on it (the
 * heap in use right after the last full collection, or the heap in use now when that is less; not
 * garbage waiting for the next collection) passes a
 * share of V8's heap limit, GraphQL requests are answered 503 OVERLOADED with Retry-After, before
 * authentication or any other work, until a later full collection finds less live. Probes, the console
 * and metrics keep answering; `/readyz` reports the instance unready meanwhile (create-gateway.ts).
 * The bound is checked once a second (@fastify/under-pressure), so the check costs nothing per request.
 *
 * A shedding instance gets no GraphQL traffic, so it allocates little and V8 has no reason to collect:
 * what was live at its last collection would keep it shedding (and unready) forever. So, while it sheds,
 * it asks V8 for a full collection, run as a task of its own, and the next check reads its result: at
 * once, then after 1, 2, 4… s, at most every 30 s, so that a heap truly full (a leak, large work in
 * flight) is not also paused for a full collection every second.
 */
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { shareErrorBody } from '../../platform/errors.ts';
import { GRAPHQL_ROUTE } from '../routes.ts';

const SAMPLE_INTERVAL_MS = 1_000;
const RETRY_AFTER_SECONDS = 5;
/** The longest wait between two full collections a shedding gateway asks for. */
const MAX_COLLECTION_INTERVAL_MS = 30_000;

type Collect = (options: { type: 'major'; execution: 'async' }) => Promise<void>;
let collector: Collect | undefined;

/**
 * Asks V8 for a full collection as a task of its own. `gc` is V8's own function: the process's when it
 * was started with `--expose-gc`, else one taken from a fresh context after setting that flag, which
 * exposes it to new contexts only (nothing in the gateway's own context changes). Taken on first use, so
 * a gateway that never sheds never sets the flag.
 */
export function requestFullCollection(): Promise<void> {
  collector ??= (globalThis as { gc?: Collect }).gc ?? exposedCollector();
  return collector({ type: 'major', execution: 'async' });
}

function exposedCollector(): Collect {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as Collect;
}

/**
 * What is live on the heap, as well as can be known without a collection: the heap in use after the
 * last full (mark-compact) collection, read when V8 reports it (before the first one, the heap in use
 * at the start), or the heap in use now when that is less (a live heap holds no more than that).
 */
function watchLiveHeap(): { live(): number; stop(): void } {
  let live = getHeapStatistics().used_heap_size;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) live = getHeapStatistics().used_heap_size;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return { live: () => Math.min(live, getHeapStatistics().used_heap_size), stop: () => observer.disconnect() };
}

/**
 * Sheds the GraphQL route's requests of `app` while the live heap is above `heapUsedPercent` of V8's
 * limit; every other route passes. Each shed answer is counted as `zhoucun_gateway_requests_total{outcome="OVERLOADED"}`.
 */
export async function registerHeapPressure(app: FastifyInstance, heapUsedPercent: number): Promise<void> {
  // In bytes: `heapUsedPercent` of the heap limit V8 was started with.
  const bound = Math.floor((getHeapStatistics().heap_size_limit * heapUsedPercent) / 100);
  const heap = watchLiveHeap();
  app.addHook('onClose', async () => heap.stop());
  let nextCollectionAt = 0;
  let backoff = SAMPLE_INTERVAL_MS;
  let collectionFailed = false;
  const collect = () => {
    try {
      // Not awaited: the collection's result is read by a later check.
      requestFullCollection().catch(() => undefined);
    } catch (error) {
      // Without V8's collector the shedding still ends at V8's own next full collection.
      if (!collectionFailed) app.log.error({ err: error }, 'load shedding: a full collection could not be asked for');
      collectionFailed = true;
    }
  };
  await app.register(underPressure, {
    healthCheck: async () => {
      if (heap.live() <= bound) {
        nextCollectionAt = 0;
        backoff = SAMPLE_INTERVAL_MS;
        return true;
      }
      const now = performance.now();
      if (!collectionFailed && now >= nextCollectionAt) {
        collect();
        nextCollectionAt = now + backoff;
        backoff = Math.min(backoff * 2, MAX_COLLECTION_INTERVAL_MS);
      }
      return false;
    },
    healthCheckInterval: SAMPLE_INTERVAL_MS,
    // The plugin only keeps the verdict here; the hook below decides, for the GraphQL route alone.
    pressureHandler: () => undefined,
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== GRAPHQL_ROUTE || !app.isUnderPressure()) return;
    // Returning the answered reply ends the request: no further hook, no body read, no handler.
    return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send(shareErrorBody('OVERLOADED'));
  });
}
