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
import type { GraphQLSchema } from 'graphql';
import type { CryptoKey, KeyObject } from 'jose';
import type { ShareCatalog } from '../policies/types.ts';
import { readShareCatalog } from '../schema/read-share-catalog.ts';
import { readSubgraphEndpoints } from '../schema/read-subgraph-endpoints.ts';
import type { GrantSource } from './ability-source.ts';
import type { AuditWriter } from './audit/audit-writer.ts';
import type { ConsumeRate } from './rate-limit.ts';
import { createAbilitySource } from './ability-source.ts';
import { createAuthenticator } from './authenticate.ts';
import { ERROR_CODES, type ErrorCode } from './errors.ts';
import { createEnforcingGateway } from './enforcing-gateway.ts';
import { createErrorFormatter } from './format-error.ts';
import { createOperationAdmission } from './admit-operation.ts';
import { createDepartmentPersistedQueries } from './department-persisted-queries.ts';
import { answerClientError, registerEdgeErrors } from './edge-errors.ts';
import type { ConsumeEntities } from './entity-budget.ts';
import { keyBudgetPlugin } from './key-budget-plugin.ts';
import { noSubscriptionRule } from './no-subscription-rule.ts';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './operation-limits.ts';
import { operationLimitsRule } from './operation-limits-rule.ts';
import type { GatewayContext } from './gateway-context.ts';
import { readPurpose } from './read-purpose.ts';
import { createReadinessProbe, type StoreCheck } from './readiness.ts';
import { createSubgraphCallSigner } from './sign-subgraph-call.ts';
import { SignedDataSource } from './signed-data-source.ts';

/** Largest request body read: 20 operations of the largest admitted size fit; JSON-parsing more would stall the event loop. */
const BODY_LIMIT = 256 * 1024;

export interface GatewayOptions {
  supergraphSdl: string;
  /** The supergraph's share catalog when the caller has read it already. */
  catalog?: ShareCatalog;
  /** Departments that may hold tokens. */
  departments: readonly string[];
  tokenPublicKey: CryptoKey | KeyObject;
  /** Longest consumer-token lifetime accepted (default 24 h). */
  tokenMaxLifetimeSeconds?: number | undefined;
  gatewaySigningKey: CryptoKey;
  grants: GrantSource;
  undeclaredFields?: 'deny' | 'unconditional';
  logLevel?: string;
  /** Stores whose reachability `/readyz` reports. */
  storeChecks?: readonly StoreCheck[];
  /** Where audit records go (step 7); without it nothing is audited (benchmarks only). */
  audit?: AuditWriter;
  /** Per-consumer rate limits; without them none apply. */
  rateLimit?: ConsumeRate;
  /** Entities per application and minute; without it only the per-request key limit applies. */
  entityBudget?: ConsumeEntities | undefined;
  /** Operation limits; each one not given keeps its default (DEFAULT_OPERATION_LIMITS). */
  limits?: Partial<OperationLimits>;
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
  const app = Fastify({ logger: { level: options.logLevel ?? 'info' }, genReqId: () => randomUUID(), bodyLimit: BODY_LIMIT, clientErrorHandler: answerClientError });
  const limits: OperationLimits = { ...DEFAULT_OPERATION_LIMITS, ...options.limits };
  const persistedQueries = createDepartmentPersistedQueries();
  let apiSchema: GraphQLSchema | undefined;
  const admitOperations = createOperationAdmission(limits, () => apiSchema);
  const catalog = options.catalog ?? readShareCatalog(options.supergraphSdl, { undeclaredAsUnconditional: options.undeclaredFields === 'unconditional' });
  const sign = createSubgraphCallSigner(options.gatewaySigningKey);
  const federation = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new SignedDataSource({ name, url: url!, sign }),
  });
  federation.onSchemaLoadOrUpdate(({ apiSchema: schema }) => void (apiSchema = schema));
  const abilities = createAbilitySource({
    catalog,
    grants: options.grants,
    onGrantsUnreadable: (error) => app.log.error({ err: error }, 'grants unreadable: conditional items denied'),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway: createEnforcingGateway(federation, { catalog, abilities, ...(options.audit ? { audit: options.audit } : {}) }),
    allowBatchedHttpRequests: true,
    parseOptions: { maxTokens: limits.tokens },
    validationRules: [noSubscriptionRule, operationLimitsRule(limits)],
    persistedQueries: { cache: persistedQueries.cache },
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter((error) => app.log.error({ err: error }, 'request error')),
    plugins: [ApolloServerPluginLandingPageDisabled(), keyBudgetPlugin({ keysPerRequest: limits.keysPerRequest, entityBudget: options.entityBudget })],
  });
  await apollo.start();

  const authenticate = createAuthenticator({ publicKey: options.tokenPublicKey, departments: options.departments, ...(options.tokenMaxLifetimeSeconds ? { maxLifetimeSeconds: options.tokenMaxLifetimeSeconds } : {}) });

  const refuse = (reply: FastifyReply, code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) => {
    return reply.code(ERROR_CODES[code].status).send({ errors: [{ message, extensions: { code, ...extensions } }] });
  };

  const handleGraphQL = async (request: FastifyRequest, reply: FastifyReply) => {
    // 1 authenticate
    const authentication = await authenticate(request.headers.authorization);
    if ('refused' in authentication) return refuse(reply, 'UNAUTHENTICATED', `Authentication failed: ${authentication.refused}`);
    // 1b rate limit (a batch counts for each of its operations)
    if (options.rateLimit) {
      const verdict = await options.rateLimit(authentication.consumer, Array.isArray(request.body) ? Math.max(1, request.body.length) : 1);
      if (!verdict.ok) {
        reply.header('retry-after', String(verdict.retryAfterSeconds));
        return refuse(reply, 'RATE_LIMITED', `Rate limit of your ${verdict.limit} reached; retry in ${verdict.retryAfterSeconds} s`);
      }
    }
    // 2 purpose (declared here; required for data queries in enforceOperation)
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const reading = readPurpose({ purpose: header('x-share-purpose'), matter: header('x-share-matter'), mode: header('x-share-mode') });
    if ('problem' in reading) return refuse(reply, reading.problem, reading.message);
    if (Array.isArray(request.body) && request.body.length > limits.batch) {
      return refuse(reply, 'OPERATION_TOO_COMPLEX', `A batch may hold at most ${limits.batch} operations; got ${request.body.length}`);
    }
    const refusal = admitOperations(request.method === 'GET' ? request.query : request.body);
    if (refusal) return refuse(reply, refusal.extensions.code as ErrorCode, refusal.message, refusal.extensions);
    const context: GatewayContext = { requestId: String(request.id), consumer: authentication.consumer, use: reading.use, served: {}, keys: { named: 0 } };
    reply.header('x-request-id', String(request.id));
    // 3–6 inside GraphQL: enforceOperation
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await persistedQueries.runForDepartment(context.consumer.dept, () => apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method, headers, search: new URL(request.url, 'http://gateway').search, body: request.body },
      context: async () => context,
    }));
    if (response.body.kind === 'complete' && Buffer.byteLength(response.body.string) > limits.responseBytes) {
      return refuse(reply, 'RESPONSE_TOO_LARGE', `The answer would be larger than ${limits.responseBytes} bytes; select fewer fields or entities`);
    }
    for (const [name, value] of response.headers) reply.header(name, value);
    reply.code(response.status ?? 200);
    if (response.body.kind === 'complete') return reply.send(response.body.string);
    return reply.send(response.body.asyncIterator);
  };

  app.route({ method: ['GET', 'POST'], url: '/graphql', handler: handleGraphQL });
  app.get('/healthz', async () => ({ status: 'ok' }));
  const probe = createReadinessProbe(readSubgraphEndpoints(options.supergraphSdl), sign, options.storeChecks);
  app.get('/readyz', async (_request, reply) => {
    const readiness = await probe();
    return reply.code(readiness.ready ? 200 : 503).send({ ...readiness, dataItems: catalog.size });
  });
  registerEdgeErrors(app);

  return {
    app,
    catalog,
    close: async () => {
      await app.close();
      await apollo.stop();
    },
  };
}
