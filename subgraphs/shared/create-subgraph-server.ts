/**
 * One department's subgraph server: Fastify + Mercurius federation behind the gateway boundary
 * (`POST /graphql` signed by the gateway for that body, `GET /healthz`, nothing else), with
 * per-request DataLoaders, masked errors and mercurius-cache on query fields.
 */
import { mercuriusFederationPlugin } from '@mercuriusjs/federation';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { CryptoKey } from 'jose';
import type { IResolvers } from 'mercurius';
import { Redis as IORedis } from 'ioredis';
import mercuriusCacheModule, { type MercuriusCacheOptions } from 'mercurius-cache';
import { buildSubgraphSdl } from '../../schema/build-subgraph-sdl.ts';
import { SHARED_SCALARS } from '../../schema/scalars/index.ts';
import type { CachePolicy, DepartmentDefinition } from './department.ts';
import type { PublicKeySet } from '../../platform/key-set.ts';
import { DEFAULT_CACHE_TTL_CAP_SECONDS } from '../../policies/freshness.ts';
import { cachePolicyFromCycles } from './cache-ttl.ts';
import { formatSubgraphErrors } from './format-subgraph-error.ts';
import { createGatewayBoundary, refuseMalformedRequest } from './gateway-boundary.ts';
import { createGatewayCallVerifier } from './verify-gateway-call.ts';
import type { SubgraphMetrics } from './subgraph-metrics.ts';
import { randomUUID } from 'node:crypto';
import { context, trace, type Span } from '@opentelemetry/api';
import { startRequestSpan } from '../../platform/observe/trace-request.ts';

export interface SubgraphServerOptions {
  /** The gateway's public key, or the set of its current and retired keys; calls signed by anything else are refused. */
  gatewayKeys: CryptoKey | PublicKeySet;
  /** Log level (pino); default `silent`. */
  logLevel?: string;
  /** Where log lines go (pino's destination, one JSON line each); default standard output (tests read them). */
  logStream?: { write(line: string): void } | undefined;
  /** Redis for the resolver cache (mercurius-cache); absent → in memory. */
  redisUrl?: string;
  /** Longest a resolver answer is cached, whatever the update cycle (`RESOLVER_CACHE_MAX_TTL_SECONDS`); default 3600. */
  cacheTtlCapSeconds?: number;
  /** Called for every accepted gateway call, with the GraphQL query it carries (metrics, tests). */
  onGatewayCall?: (call: { subgraph: string; query: string; consumerDept: string; purpose: string | undefined }) => void;
  /** The process's metrics, where this department's calls are counted; absent → not counted. */
  metrics?: SubgraphMetrics | undefined;
}

// mercurius-cache is CommonJS (`module.exports = plugin`) but types itself as an ES default export.
const mercuriusCache = mercuriusCacheModule as unknown as FastifyPluginAsync<MercuriusCacheOptions>;

const scalarResolvers = Object.fromEntries(SHARED_SCALARS.map((scalar) => [scalar.name, scalar]));

export async function createSubgraphServer<Backend, Loaders>(
  department: DepartmentDefinition<Backend, Loaders>,
  options: SubgraphServerOptions,
): Promise<FastifyInstance> {
  const boundary = createGatewayBoundary(createGatewayCallVerifier(department.name, asKeySet(options.gatewayKeys)));
  const app = Fastify({
    logger: { level: options.logLevel ?? 'silent', ...(options.logStream ? { stream: options.logStream } : {}) },
    // The gateway's request id, so that one id finds a request in the gateway's and the subgraphs' logs; only a UUID is taken.
    genReqId: (request) => {
      const id = request.headers['x-request-id'];
      return typeof id === 'string' && REQUEST_ID.test(id) ? id : randomUUID();
    },
    rewriteUrl: boundary.rewriteUrl,
    clientErrorHandler: refuseMalformedRequest,
  });
  traceCalls(app, department.name);
  const backend = department.createBackend();
  boundary.install(app);
  options.metrics?.observe(app, department.name);

  app.get('/healthz', async () => ({ status: 'ok', department: department.name, freshness: department.freshness?.(backend, new Date()) ?? [] }));
  if (options.onGatewayCall) {
    const observe = options.onGatewayCall;
    app.addHook('preHandler', async (request) => {
      const call = boundary.callOf(request);
      if (!call) return;
      const body = request.body as { query?: unknown } | undefined;
      observe({ subgraph: department.name, query: String(body?.query ?? ''), consumerDept: call.consumerDept, purpose: call.purpose });
    });
  }

  await app.register(mercuriusFederationPlugin, {
    schema: buildSubgraphSdl(department.typeDefs),
    resolvers: { ...scalarResolvers, ...department.resolvers } as IResolvers,
    context: (request) => ({ backend, loaders: department.createLoaders(backend), call: boundary.callOf(request) }),
    graphiql: false,
    errorFormatter: formatSubgraphErrors,
  });
  const cachePolicy = cachePolicyFromCycles(department.cachePolicy, department.typeDefs, options.cacheTtlCapSeconds ?? DEFAULT_CACHE_TTL_CAP_SECONDS);
  if (Object.keys(cachePolicy).length > 0) await registerResolverCache(app, department, cachePolicy, backend, options.redisUrl);
  return app;
}

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * One server span per call, child of the gateway's fetch span (W3C `traceparent`, unsigned: it only
 * correlates), and the active span for the rest of the call's handling, so that the store queries its
 * resolvers run are its children (the callback form: what runs after `done` inherits the context).
 */
function traceCalls(app: FastifyInstance, subgraph: string): void {
  const spans = new WeakMap<object, Span>();
  app.addHook('onRequest', (request, _reply, done) => {
    const span = startRequestSpan(`subgraph ${subgraph}`, request.headers, { 'zhoucun.subgraph': subgraph, 'zhoucun.request_id': String(request.id) });
    spans.set(request, span);
    context.with(trace.setSpan(context.active(), span), done);
  });
  app.addHook('onResponse', async (request, reply) => {
    const span = spans.get(request);
    span?.setAttribute('http.response.status_code', reply.statusCode);
    span?.end();
  });
}

function asKeySet(keys: CryptoKey | PublicKeySet): PublicKeySet {
  if ('all' in keys) return keys;
  const entries = [{ keyId: '', key: keys }];
  return { get: () => undefined, all: () => entries, refresh: async () => false };
}

/**
 * mercurius-cache over the department's cache policy, in Redis when `redisUrl` is set. Cache keys are
 * the query field, its arguments and the selected fields only: subgraphs never see who the consumer is
 * beyond the gateway's signature, and the gateway has already removed what the consumer may not get.
 */
async function registerResolverCache<Backend, Loaders>(
  app: FastifyInstance,
  department: DepartmentDefinition<Backend, Loaders>,
  cachePolicy: CachePolicy,
  backend: Backend,
  redisUrl: string | undefined,
): Promise<void> {
  const redis = redisUrl
    ? new IORedis(redisUrl, { keyPrefix: `zhoucun:cache:${department.name}:`, connectTimeout: 1_000, maxRetriesPerRequest: 1 })
    : undefined;
  redis?.on('error', (error) => app.log.warn({ err: error }, 'resolver cache unavailable; resolving without it'));
  if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
  await app.register(mercuriusCache, {
    ttl: 0,
    policy: cachePolicy,
    storage: redis ? { type: 'redis', options: { client: redis, invalidation: true } } : { type: 'memory', options: { size: 10_000, invalidation: true } },
  });
  // When the provider's data changes, answers that depend on it leave the cache (every instance, with Redis).
  department.watchChanges?.(backend, (references) => {
    (async () => app.graphql.cache?.invalidate(references))().catch((error: unknown) => app.log.warn({ err: error }, 'cache invalidation failed'));
  });
}
