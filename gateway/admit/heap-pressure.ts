/**
 * Load shedding before the heap runs out (art. 19: a stable platform). The gateway runs with a heap
 * sized for its container (`GATEWAY_NODE_FLAGS` in gateway/config.ts); when what is live on it (the
 * heap in use right after the last full collection, not garbage waiting for the next one) passes a
 * share of V8's heap limit, GraphQL requests are answered 503 OVERLOADED with Retry-After, before
 * authentication or any other work, until a later full collection finds less live. Probes, the console
 * and metrics keep answering; `/readyz` reports the instance unready meanwhile (create-gateway.ts).
 * The bound is checked once a second (@fastify/under-pressure), so the check costs nothing per request.
 */
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { shareErrorBody } from '../../platform/errors.ts';

const GRAPHQL_ROUTE = '/graphql';
const SAMPLE_INTERVAL_MS = 1_000;
const RETRY_AFTER_SECONDS = 5;

/**
 * The heap in use after the last full (mark-compact) collection, read when V8 reports it; before the
 * first one, the heap in use at the start.
 */
function watchLiveHeap(): { live(): number; stop(): void } {
  let live = getHeapStatistics().used_heap_size;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) live = getHeapStatistics().used_heap_size;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return { live: () => live, stop: () => observer.disconnect() };
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
  await app.register(underPressure, {
    healthCheck: async () => heap.live() <= bound,
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
