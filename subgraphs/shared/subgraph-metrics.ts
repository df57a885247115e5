/**
 * A subgraph process's Prometheus metrics: one registry per process (`npm run subgraphs` runs one
 * department or all six), each department's calls labelled with its name. Served on the process's own
 * metrics port (platform/observe/metrics-endpoint.ts), never on a subgraph's port.
 */
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface SubgraphMetrics {
  readonly registry: Registry;
  /** Counts the gateway calls `app` answers on `/graphql`, as `subgraph`. */
  observe(app: FastifyInstance, subgraph: string): void;
}

export function createSubgraphMetrics(): SubgraphMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const calls = new Counter({
    name: 'zhoucun_subgraph_requests_total',
    help: 'Calls answered on /graphql, by subgraph and outcome (ok, refused: 4xx, error: 5xx)',
    labelNames: ['subgraph', 'outcome'] as const,
    registers: [registry],
  });
  const seconds = new Histogram({
    name: 'zhoucun_subgraph_request_duration_seconds',
    help: 'Time to answer a call on /graphql, by subgraph and outcome',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    observe(app, subgraph) {
      app.addHook('onResponse', async (request, reply) => {
        if (request.routeOptions.url !== '/graphql') return;
        const outcome = reply.statusCode < 400 ? 'ok' : reply.statusCode < 500 ? 'refused' : 'error';
        calls.inc({ subgraph, outcome });
        seconds.observe({ subgraph, outcome }, reply.elapsedTime / 1000);
      });
    },
  };
}
