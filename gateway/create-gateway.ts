/**
 * Assembles one gateway instance: the supergraph (composed from the department subgraphs, or read
 * from a file), @apollo/gateway with signed data sources, the enforcing wrapper, Apollo Server, and
 * the HTTP edge. The request path itself reads top to bottom in `handleGraphQL` and `enforceOperation`.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { CryptoKey, KeyObject } from 'jose';
import type { ShareCatalog } from '../policies/types.ts';
import { readShareCatalog } from '../schema/read-share-catalog.ts';
import { readSubgraphEndpoints } from '../schema/read-subgraph-endpoints.ts';
import type { GrantSource } from './ability-source.ts';
import { auditPlugin } from './audit/audit-plugin.ts';
import type { AuditWriter } from './audit/audit-writer.ts';
import { createRefusalRecorder, firstErrorCode } from './audit/record-refusal.ts';
import type { ConsumeRate } from './rate-limit.ts';
import { createAbilitySource } from './ability-source.ts';
import { createAuthenticator } from './authenticate.ts';
import { ERROR_CODES, shareError, type ErrorCode } from './errors.ts';
import { createEnforcingGateway } from './enforcing-gateway.ts';
import { createErrorFormatter } from './format-error.ts';
import { depthLimitRule } from './depth-limit-rule.ts';
import { operationNameRule } from './operation-name-rule.ts';
import type { GatewayContext } from './gateway-context.ts';
import { readOperations } from './read-operations.ts';
import { readPurpose, type DeclaredUse } from './read-purpose.ts';
import { createReadinessProbe, type StoreCheck } from './readiness.ts';
import { createSubgraphCallSigner } from './sign-subgraph-call.ts';
import { SignedDataSource } from './signed-data-source.ts';

/** Deepest selection nesting accepted; the demo schema's deepest useful query is 6 levels. */
const MAX_DEPTH = 12;

export interface GatewayOptions {
  supergraphSdl: string;
  /** The supergraph's share catalog when the caller has read it already. */
  catalog?: ShareCatalog;
  /** Departments that may hold tokens. */
  departments: readonly string[];
  tokenPublicKey: CryptoKey | KeyObject;
  gatewaySigningKey: CryptoKey;
  grants: GrantSource;
  undeclaredFields?: 'deny' | 'unconditional';
  logLevel?: string;
  /** Stores whose reachability `/readyz` reports. */
  storeChecks?: readonly StoreCheck[];
  /** Where audit records go (step 7); without it nothing is audited (benchmarks only). */
  audit?: AuditWriter;
  /** Longest a record may wait in the audit spool before `/readyz` says not ready; default `AUDIT_SPOOL_MAX_AGE_MS`. */
  auditSpoolMaxAgeMs?: number;
  /** Per-consumer rate limits; without them none apply. */
  rateLimit?: ConsumeRate;
}

export interface Gateway {
  app: FastifyInstance;
  catalog: ShareCatalog;
  close(): Promise<void>;
}

export function readSupergraphFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the supergraph file ${path}: ${(error as Error).message}`, { cause: error });
  }
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const app = Fastify({ logger: { level: options.logLevel ?? 'info' }, genReqId: () => randomUUID(), bodyLimit: 1_048_576 });
  const catalog = options.catalog ?? readShareCatalog(options.supergraphSdl, { undeclaredAsUnconditional: options.undeclaredFields === 'unconditional' });
  const sign = createSubgraphCallSigner(options.gatewaySigningKey);
  const federation = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new SignedDataSource({ name, url: url!, sign }),
  });
  const abilities = createAbilitySource({
    catalog,
    grants: options.grants,
    onGrantsUnreadable: (error) => app.log.error({ err: error }, 'grants unreadable: conditional items denied'),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway: createEnforcingGateway(federation, { catalog, abilities, ...(options.audit ? { audit: options.audit } : {}) }),
    allowBatchedHttpRequests: true,
    validationRules: [depthLimitRule(MAX_DEPTH), operationNameRule],
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter((error) => app.log.error({ err: error }, 'request error')),
    plugins: [ApolloServerPluginLandingPageDisabled(), ...(options.audit ? [auditPlugin(options.audit, catalog)] : [])],
  });
  await apollo.start();

  const authenticate = createAuthenticator({ publicKey: options.tokenPublicKey, departments: options.departments });

  const refuse = (reply: FastifyReply, code: ErrorCode, message: string) => {
    return reply.code(ERROR_CODES[code].status).send({ errors: [{ message, extensions: { code } }] });
  };

  const recordRefusal = createRefusalRecorder(options.audit, catalog);

  const handleGraphQL = async (request: FastifyRequest, reply: FastifyReply) => {
    const startedAt = performance.now();
    const requestId = String(request.id);
    // 1 authenticate
    const authentication = await authenticate(request.headers.authorization);
    if ('refused' in authentication) return refuse(reply, 'UNAUTHENTICATED', `Authentication failed: ${authentication.refused}`);
    const { consumer } = authentication;
    reply.header('x-request-id', requestId);
    // From here the consumer is known: every refusal is recorded before it is answered.
    const refuseRecorded = async (code: ErrorCode, message: string, use?: DeclaredUse) =>
      (await recordRefusal({ requestId, consumer, use, startedAt }, code)) ? refuse(reply, code, message) : refuse(reply, 'AUDIT_UNAVAILABLE', ERROR_CODES.AUDIT_UNAVAILABLE.message);
    // 1b rate limit (a batch counts for each of its operations)
    if (options.rateLimit) {
      const verdict = await options.rateLimit(consumer, Array.isArray(request.body) ? Math.max(1, request.body.length) : 1);
      if (!verdict.ok) {
        reply.header('retry-after', String(verdict.retryAfterSeconds));
        return refuseRecorded('RATE_LIMITED', `Rate limit of your ${verdict.limit} reached; retry in ${verdict.retryAfterSeconds} s`);
      }
    }
    // 2 purpose (declared here; required for data queries in enforceOperation)
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const reading = readPurpose({ purpose: header('x-share-purpose'), matter: header('x-share-matter'), mode: header('x-share-mode') });
    if ('problem' in reading) return refuseRecorded(reading.problem, reading.message);
    const search = new URL(request.url, 'http://gateway').search;
    const operations = readOperations({ method: request.method, body: request.body, search });
    if ('problem' in operations) return refuseRecorded(operations.problem, operations.message, reading.use);
    const context: GatewayContext = { requestId, consumer, use: reading.use, operations: { started: 0 } };
    // 3–6 inside GraphQL: enforceOperation
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method, headers, search, body: request.body },
      context: async () => context,
    });
    // Apollo refused the HTTP request itself (CSRF check, malformed body…) before any operation started.
    if (context.operations.started === 0 && response.body.kind === 'complete') {
      const code = firstErrorCode(response.body.string) ?? 'BAD_REQUEST';
      if (!(await recordRefusal({ requestId, consumer, use: reading.use, startedAt }, code))) return refuse(reply, 'AUDIT_UNAVAILABLE', ERROR_CODES.AUDIT_UNAVAILABLE.message);
    }
    for (const [name, value] of response.headers) reply.header(name, value);
    reply.code(response.status ?? 200);
    if (response.body.kind === 'complete') return reply.send(response.body.string);
    return reply.send(response.body.asyncIterator);
  };

  app.route({ method: ['GET', 'POST'], url: '/graphql', handler: handleGraphQL });
  app.get('/healthz', async () => ({ status: 'ok' }));
  const auditBacklog = options.audit && { state: options.audit.state, ...(options.auditSpoolMaxAgeMs ? { maxSpoolAgeMs: options.auditSpoolMaxAgeMs } : {}) };
  const probe = createReadinessProbe(readSubgraphEndpoints(options.supergraphSdl), sign, options.storeChecks, auditBacklog);
  options.audit?.onAlert((alert) => {
    if (alert.kind === 'quarantined') {
      app.log.error({ chain: alert.chain, seq: alert.seq, reason: alert.reason, where: alert.where }, 'audit record quarantined: the store refused its content; the chain goes on (see /readyz and npm run audit:verify)');
    } else {
      app.log.warn({ err: alert.error, chain: alert.chain }, 'audit store unreachable: records are spooled locally until it answers');
    }
  });
  app.get('/readyz', async (_request, reply) => {
    const readiness = await probe();
    return reply.code(readiness.ready ? 200 : 503).send({ ...readiness, dataItems: catalog.size });
  });
  app.setErrorHandler(async (error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'unhandled');
    const code: ErrorCode = status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    const message = status >= 500 ? shareError(code).message : `The request is malformed: ${(error as Error).message}`;
    // A body that cannot be parsed is refused before handleGraphQL reads the token; a consumer who sent one is recorded all the same.
    if (status < 500 && request.routeOptions.url === '/graphql') {
      const authentication = await authenticate(request.headers.authorization);
      if ('consumer' in authentication) {
        reply.header('x-request-id', String(request.id));
        const refusal = { requestId: String(request.id), consumer: authentication.consumer, use: undefined, startedAt: performance.now() };
        if (!(await recordRefusal(refusal, code))) return refuse(reply, 'AUDIT_UNAVAILABLE', ERROR_CODES.AUDIT_UNAVAILABLE.message);
      }
    }
    return reply.code(status).send({ errors: [{ message, extensions: { code } }] });
  });

  return {
    app,
    catalog,
    close: async () => {
      await app.close();
      await apollo.stop();
    },
  };
}
