/**
 * Load shedding before the heap runs out (art. 19: a stable platform). The gateway runs with a heap
 * sized for its container (`GATEWAY_NODE_FLAGS` in gateway/config.ts); when the V8 heap in use passes a share of that
 * limit, GraphQL requests are answered 503 OVERLOADED with Retry-After, before authentication or any
 * other work, until a later sample is under the bound again. Probes, the console and metrics keep
 * answering: an instance that sheds is alive, and `/readyz` decides about traffic on its own terms.
 * The heap is sampled once a second (@fastify/under-pressure), so the check costs nothing per request.
 */
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import { getHeapStatistics } from 'node:v8';
import { shareErrorBody } from '../../platform/errors.ts';

const GRAPHQL_ROUTE = '/graphql';
const SAMPLE_INTERVAL_MS = 1_000;
const RETRY_AFTER_SECONDS = 5;

/** The bound in bytes for this process: `percent` of the heap limit V8 was started with. */
export function shedHeapUsedBytes(percent: number): number {
  return Math.floor((getHeapStatistics().heap_size_limit * percent) / 100);
}

/**
 * Sheds the GraphQL route's requests of `app` while the heap in use is above `heapUsedPercent` of V8's
 * limit; every other route passes. Each shed answer is counted as `zhoucun_gateway_requests_total{outcome="OVERLOADED"}`.
 */
export async function registerHeapPressure(app: FastifyInstance, heapUsedPercent: number): Promise<void> {
  await app.register(underPressure, {
    maxHeapUsedBytes: shedHeapUsedBytes(heapUsedPercent),
    sampleInterval: SAMPLE_INTERVAL_MS,
    // The plugin only samples here; the hook below decides, for the GraphQL route alone.
    pressureHandler: () => undefined,
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== GRAPHQL_ROUTE || !app.isUnderPressure()) return;
    // Returning the answered reply ends the request: no further hook, no body read, no handler.
    return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send(shareErrorBody('OVERLOADED'));
  });
}
