/**
 * Counts every answer of `/graphql` once, whoever gave it (the edge, a refusal before GraphQL, Apollo
 * Server, the executor): `ok`, or the code of the answer's first error when the request was refused
 * or failed as a whole. An answer with data and item errors (FORBIDDEN_FIELD, PROVIDER_UNAVAILABLE…)
 * is `ok`: the withheld items and failed calls are counted by their own metrics.
 */
import type { FastifyInstance } from 'fastify';
import { firstErrorCode } from '../audit/record-refusal.ts';
import type { GatewayMetrics } from './gateway-metrics.ts';
import { GRAPHQL_ROUTE } from '../routes.ts';

export function registerRequestMetrics(app: FastifyInstance, metrics: GatewayMetrics): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.url === GRAPHQL_ROUTE) metrics.requestAnswered(outcomeOf(reply.statusCode, payload), reply.elapsedTime / 1000);
    return payload;
  });
}

/** Only a body that opens with `errors` can lack data (Apollo and the edge write refusals so); only such a body is parsed. */
function outcomeOf(status: number, payload: unknown): string {
  const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
  if (status < 300 && !(body?.startsWith('{"errors"') && !hasData(body))) return 'ok';
  return (body && firstErrorCode(body)) ?? (status < 300 ? 'ok' : 'INTERNAL_SERVER_ERROR');
}

function hasData(body: string): boolean {
  try {
    return (JSON.parse(body) as { data?: unknown }).data != null;
  } catch {
    return false;
  }
}
