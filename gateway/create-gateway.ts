/**
 * Assembles one gateway instance: the supergraph (composed from the department subgraphs, or read
 * from a file), @apollo/gateway with signed data sources, the enforcing wrapper, Apollo Server, and
 * the HTTP edge. The request path itself reads top to bottom in `handleGraphQL` and `enforceOperation`.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloGateway, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { CryptoKey, KeyObject } from 'jose';
import type { ShareCatalog } from '../policies/types.ts';
import { readShareCatalog } from '../schema/read-share-catalog.ts';
import type { GrantSource } from '../platform/grant-source.ts';
import type { SubjectHmac } from '../platform/subject-key.ts';
import { auditPlugin } from './audit/audit-plugin.ts';
import type { AuditWriter } from './audit/audit-writer.ts';
import { createRefusalRecorder, firstErrorCode } from './audit/record-refusal.ts';
import type { ConsumeRate } from './admit/rate-limit.ts';
import { registerHeapPressure } from './admit/heap-pressure.ts';
import { createAbilitySource } from './enforce/ability-source.ts';
import { createAuthenticator } from './authenticate/authenticate.ts';
import { ERROR_CODES, shareErrorBody, type ErrorCode, type ErrorExtensionFields } from '../platform/errors.ts';
import { createEnforcingGateway } from './enforce/enforcing-gateway.ts';
import { createErrorFormatter } from './format-error.ts';
import { createOperationAdmission } from './admit/admit-operation.ts';
import { createDepartmentPersistedQueries } from './admit/department-persisted-queries.ts';
import { answerClientError, registerEdgeErrors } from './admit/edge-errors.ts';
import { DEMO_SIGN_IN_PATH, registerDemoSignIn, type IssueDemoToken } from './console/demo-sign-in.ts';
import { registerConsole } from './console/serve-console.ts';
import { OIDC_ROUTES, registerOidcSignIn } from './console/oidc-sign-in.ts';
import { DEFAULT_SHED_HEAP_USED_PERCENT, type OidcConfig } from './config.ts';
import type { ConsumeEntities } from './admit/entity-budget.ts';
import { keyBudgetPlugin } from './admit/key-budget-plugin.ts';
import { noSubscriptionRule } from './admit/no-subscription-rule.ts';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './admit/operation-limits.ts';
import { operationLimitsRule } from './admit/operation-limits-rule.ts';
import { operationNameRule } from './admit/operation-name-rule.ts';
import type { GatewayContext } from './gateway-context.ts';
import { readOperations } from './admit/read-operations.ts';
import { readPurpose, type DeclaredUse } from './authenticate/read-purpose.ts';
import { createReadinessProbe, type StoreCheck } from './readiness.ts';
import { createSubgraphCallSigner } from './sign/sign-subgraph-call.ts';
import { SignedDataSource, type SubgraphCallOptions } from './sign/signed-data-source.ts';
import type { FetchFromSubgraph } from './verify/answer-verification.ts';
import { createLiveSupergraph, type SupergraphFeed, type SupergraphState } from './live-supergraph.ts';
import { createGatewayMetrics, type GatewayMetrics } from './observe/gateway-metrics.ts';
import { registerRequestMetrics } from './observe/count-requests.ts';
import { graphqlResponseStatus, refusedCode } from './admit/graphql-response-status.ts';
import { traceRequest } from '../platform/observe/trace-request.ts';
import { createRequestLog } from './observe/request-log.ts';
import { GRAPHQL_ROUTE } from './routes.ts';

/** A destination of log lines, one JSON object each (pino's `DestinationStream`). */
export interface LogStream {
  write(line: string): void;
}

/** Largest request body read: 20 operations of the largest admitted size fit; JSON-parsing more would stall the event loop. */
const BODY_LIMIT = 256 * 1024;

export interface GatewayOptions {
  /** The supergraph to start with. */
  supergraphSdl: string;
  /** New supergraphs, swapped in without a restart (see live-supergraph.ts). */
  supergraphFeed?: SupergraphFeed | undefined;
  /** Told after each swap (the launcher keeps governance's catalog in step). */
  onSupergraphSwap?: ((state: SupergraphState) => void) | undefined;
  /** Departments that may hold tokens. */
  departments: readonly string[];
  tokenPublicKey: CryptoKey | KeyObject;
  gatewaySigningKey: CryptoKey;
  grants: GrantSource;
  undeclaredFields?: 'deny' | 'unconditional';
  logLevel?: string;
  /** Where log lines go (pino's destination); default standard output. Tests read them. */
  logStream?: LogStream | undefined;
  /** Stores whose reachability `/readyz` reports. */
  storeChecks?: readonly StoreCheck[];
  /** Where audit records go (step 7); without it nothing is audited (benchmarks only). */
  audit?: AuditWriter;
  /** Keys the subjects an audit record lists; without it records list none. */
  subjectHmac?: SubjectHmac;
  /** Longest a record may wait in the audit spool before `/readyz` says not ready; default `AUDIT_SPOOL_MAX_AGE_MS`. */
  auditSpoolMaxAgeMs?: number;
  /** Longest consumer-token lifetime accepted (default 24 h). */
  tokenMaxLifetimeSeconds?: number | undefined;
  /** Per-consumer rate limits; without them none apply. */
  rateLimit?: ConsumeRate;
  /** Entities per application and minute; without it only the per-request key limit applies. */
  entityBudget?: ConsumeEntities | undefined;
  /** Operation limits; each one not given keeps its default (DEFAULT_OPERATION_LIMITS). */
  limits?: Partial<OperationLimits>;
  /** HTTP client and de-duplication of subgraph calls; default the pooled client, de-duplicating (others: benchmark baselines). */
  subgraphCalls?: SubgraphCallOptions | undefined;
  /**
   * The web console: its built bundle, served at `/console/`, and — only when the platform runs on
   * its demo keys — the demo sign-in that issues tokens (`POST /demo/sign-in`); with `oidc`, the
   * OpenID Connect sign-in and its session cookie (`/auth/…`, gateway/console/oidc-sign-in.ts).
   */
  console?: { bundleDir: string; demoSignIn?: IssueDemoToken | undefined; oidc?: OidcConfig | undefined } | undefined;
  /** Percent of V8's heap limit in use above which GraphQL requests are shed (503 OVERLOADED); default `DEFAULT_SHED_HEAP_USED_PERCENT`. */
  shedHeapUsedPercent?: number | undefined;
  /** Where this instance counts; default a registry of its own (served by startGateway on the metrics port, never here). */
  metrics?: GatewayMetrics | undefined;
}

export interface Gateway {
  app: FastifyInstance;
  /** The catalog of the supergraph served now. */
  readonly catalog: ShareCatalog;
  /** The supergraph served now, with what is derived from it. */
  supergraph(): SupergraphState;
  /** This instance's Prometheus metrics. */
  readonly metrics: GatewayMetrics;
  /** From now on `/readyz` answers 503 (`draining: true`) so that traffic moves away; requests are still served until `close`. */
  drain(): void;
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
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info', ...(options.logStream ? { stream: options.logStream } : {}) },
    genReqId: () => randomUUID(),
    bodyLimit: BODY_LIMIT,
    clientErrorHandler: answerClientError,
  });
  const metrics = options.metrics ?? createGatewayMetrics();
  // Apollo's lines (formatError's, its own logger's, @apollo/gateway's) carry the request id like Fastify's.
  const requestLog = createRequestLog(app.log);
  registerRequestMetrics(app, metrics);
  await registerHeapPressure(app, options.shedHeapUsedPercent ?? DEFAULT_SHED_HEAP_USED_PERCENT);
  metrics.watchGrants(options.grants);
  if (options.audit) metrics.watchAudit(options.audit);
  const limits: OperationLimits = { ...DEFAULT_OPERATION_LIMITS, ...options.limits };
  const persistedQueries = createDepartmentPersistedQueries();
  let apiSchema: GraphQLSchema | undefined;
  const admitOperations = createOperationAdmission(limits, () => apiSchema);
  const live = createLiveSupergraph({
    initialSdl: options.supergraphSdl,
    derive: (sdl) => {
      const catalog = readShareCatalog(sdl, { undeclaredAsUnconditional: options.undeclaredFields === 'unconditional' });
      const onGrantsUnreadable = (error: unknown) => requestLog.current().error({ err: error }, 'grants unreadable: conditional items denied');
      return { catalog, abilities: createAbilitySource({ catalog, grants: options.grants, onGrantsUnreadable }) };
    },
    feed: options.supergraphFeed,
    onSwap: (state) => {
      app.log.info({ dataItems: state.catalog.size, subgraphs: state.endpoints.map((e) => e.name) }, 'supergraph swapped');
      metrics.supergraphServed(state.sdl);
      options.onSupergraphSwap?.(state);
    },
  });
  metrics.supergraphServed(live.current().sdl);
  const sign = createSubgraphCallSigner(options.gatewaySigningKey);
  const dataSources = new Map<string, SignedDataSource>();
  // @apollo/gateway reports usage data to Apollo unless told not to (and probes cloud metadata addresses to
  // describe the host): the platform's traffic is nobody else's, so it is off in every gateway.
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
  const federation = new ApolloGateway({
    logger: requestLog.apollo,
    supergraphSdl: live.hook,
    buildService: ({ name, url }) => {
      const source = new SignedDataSource({ name, url: url!, sign, metrics, ...options.subgraphCalls });
      dataSources.set(name, source);
      return source;
    },
  });
  // Verification fetches through the same signed data sources as every plan: same signature, same served counts.
  const fetch: FetchFromSubgraph = async (rc, subgraph, request, abandon) => {
    const source = dataSources.get(subgraph);
    if (!source) throw new Error(`no data source for subgraph ${subgraph}`);
    // @apollo/gateway does not export its request-kind enum; 'incoming operation' is its INCOMING_OPERATION.
    const call = { kind: 'incoming operation', request, incomingRequestContext: rc, context: rc.context };
    return source.process(call as unknown as GraphQLDataSourceProcessOptions<GatewayContext>, abandon);
  };
  federation.onSchemaLoadOrUpdate(({ apiSchema: schema }) => void (apiSchema = schema));
  // Refusals before any operation name no granted item: the catalog only names providers of granted items.
  const catalog = live.current().catalog;
  const apollo = new ApolloServer<GatewayContext>({
    gateway: createEnforcingGateway(federation, {
      current: live.current,
      fetch,
      ...(options.audit ? { audit: options.audit } : {}),
      ...(options.subjectHmac ? { subjectHmac: options.subjectHmac } : {}),
      countWithheld: metrics.itemsWithheld,
    }),
    allowBatchedHttpRequests: true,
    parseOptions: { maxTokens: limits.tokens },
    validationRules: [noSubscriptionRule, operationLimitsRule(limits), operationNameRule],
    persistedQueries: { cache: persistedQueries.cache },
    includeStacktraceInErrorResponses: false,
    logger: requestLog.apollo,
    formatError: createErrorFormatter((error) => requestLog.current().error({ err: error }, 'request error')),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      keyBudgetPlugin({ keysPerRequest: limits.keysPerRequest, entityBudget: options.entityBudget }),
      ...(options.audit ? [auditPlugin(options.audit, catalog)] : []),
    ],
  });
  await apollo.start();

  const authenticate = createAuthenticator({
    publicKey: options.tokenPublicKey,
    departments: options.departments,
    ...(options.tokenMaxLifetimeSeconds ? { maxLifetimeSeconds: options.tokenMaxLifetimeSeconds } : {}),
  });

  // The console's OpenID Connect sign-in, when configured: its session cookie authenticates a request without an Authorization header.
  const oidcSignIn = options.console?.oidc ? registerOidcSignIn(app, options.console.oidc, options.departments) : undefined;
  const authenticateRequest = (request: FastifyRequest) =>
    oidcSignIn && request.headers.authorization === undefined ? oidcSignIn.authenticate(request) : authenticate(request.headers.authorization);

  const refuse = (reply: FastifyReply, code: ErrorCode, message?: string, extensions?: ErrorExtensionFields) => {
    const status = graphqlResponseStatus(reply.request.headers.accept, ERROR_CODES[code].status, code);
    return reply.code(status).send(shareErrorBody(code, { message, extensions }));
  };

  const recordRefusal = createRefusalRecorder(options.audit, catalog);

  const handleGraphQL = async (request: FastifyRequest, reply: FastifyReply) => {
    const startedAt = performance.now();
    const requestId = String(request.id);
    // 1 authenticate
    const authentication = await authenticateRequest(request);
    if ('refused' in authentication) return refuse(reply, 'UNAUTHENTICATED', `Authentication failed: ${authentication.refused}`);
    const { consumer } = authentication;
    reply.header('x-request-id', requestId);
    // From here the consumer is known: every refusal is recorded before it is answered.
    const refuseRecorded = async (code: ErrorCode, message: string, use?: DeclaredUse, extensions?: ErrorExtensionFields) =>
      (await recordRefusal({ requestId, consumer, use, startedAt }, code)) ? refuse(reply, code, message, extensions) : refuse(reply, 'AUDIT_UNAVAILABLE');
    // 1b rate limit (a batch counts for each of its operations)
    if (options.rateLimit) {
      const verdict = await options.rateLimit(consumer, Array.isArray(request.body) ? Math.max(1, request.body.length) : 1);
      if (!verdict.ok) {
        metrics.rateLimited(verdict.limit);
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
    // 2b operations: a bounded batch of well-formed pieces, each within the limits, before any GraphQL work
    if (Array.isArray(request.body) && request.body.length > limits.batch) {
      return refuseRecorded('OPERATION_TOO_COMPLEX', `A batch may hold at most ${limits.batch} operations; got ${request.body.length}`, reading.use, {
        limit: 'batch',
        max: limits.batch,
      });
    }
    const search = new URL(request.url, 'http://gateway').search;
    const operations = readOperations({ method: request.method, body: request.body, search });
    if ('problem' in operations) return refuseRecorded(operations.problem, operations.message, reading.use);
    const admission = admitOperations(request.method === 'GET' ? request.query : request.body);
    if (admission) return refuseRecorded(admission.extensions.code as ErrorCode, admission.message, reading.use, admission.extensions);
    const context: GatewayContext = { requestId, consumer, use: reading.use, operations: { started: 0 }, keys: { named: 0 } };
    // 3–6 inside GraphQL: enforceOperation
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await persistedQueries.runForDepartment(consumer.dept, () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method, headers, search, body: request.body },
        context: async () => context,
      }),
    );
    // Apollo refused the HTTP request itself (CSRF check, malformed body…) before any operation started (the audit
    // plugin counts them: without an audit there is nothing to record, and no answer is read for a code).
    if (options.audit && context.operations.started === 0 && response.body.kind === 'complete') {
      const code = firstErrorCode(response.body.string) ?? 'BAD_REQUEST';
      if (!(await recordRefusal({ requestId, consumer, use: reading.use, startedAt }, code))) return refuse(reply, 'AUDIT_UNAVAILABLE');
    }
    // Served and audited already: the audit overstates what left, never understates it.
    if (response.body.kind === 'complete' && Buffer.byteLength(response.body.string) > limits.responseBytes) {
      return refuse(reply, 'RESPONSE_TOO_LARGE', `The answer would be larger than ${limits.responseBytes} bytes; select fewer fields or entities`);
    }
    for (const [name, value] of response.headers) reply.header(name, value);
    if (response.body.kind === 'complete') {
      const status = response.status ?? 200;
      const code = status >= 400 && status < 500 ? refusedCode(response.body.string) : undefined;
      return reply.code(graphqlResponseStatus(request.headers.accept, status, code)).send(response.body.string);
    }
    reply.code(response.status ?? 200);
    return reply.send(response.body.asyncIterator);
  };

  app.route({
    method: ['GET', 'POST'],
    url: GRAPHQL_ROUTE,
    handler: (request, reply) =>
      requestLog.run(request.log, () =>
        traceRequest(
          `${request.method} ${GRAPHQL_ROUTE}`,
          request.headers,
          { 'http.request.method': request.method, 'zhoucun.request_id': String(request.id) },
          () => handleGraphQL(request, reply),
        ),
      ),
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  const auditBacklog = options.audit && { state: options.audit.state, ...(options.auditSpoolMaxAgeMs ? { maxSpoolAgeMs: options.auditSpoolMaxAgeMs } : {}) };
  const probe = createReadinessProbe(() => live.current().endpoints, sign, options.storeChecks, auditBacklog);
  options.audit?.onAlert((alert) => {
    if (alert.kind === 'quarantined') {
      app.log.error(
        { chain: alert.chain, seq: alert.seq, reason: alert.reason, where: alert.where },
        'audit record quarantined: the store refused its content; the chain goes on (see /readyz and npm run audit:verify)',
      );
    } else if (alert.kind === 'document-dropped') {
      app.log.error(
        { documentHash: alert.hash, reason: alert.reason },
        'operation document dropped: its records stand, the policy dry run counts them as not replayable (see /readyz and /metrics)',
      );
    } else if (alert.kind === 'chain-taken') {
      app.log.fatal(
        { err: alert.error, chain: alert.chain, seq: alert.seq },
        'another writer stores records on this audit chain: every request is refused until this instance is restarted with an AUDIT_CHAIN of its own',
      );
    } else {
      app.log.warn({ err: alert.error, chain: alert.chain }, 'audit store unreachable: records are spooled locally until it answers');
    }
  });
  let draining = false;
  // While draining, every answer closes its connection: a keep-alive connection left idle would hold the close up.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (draining) reply.header('connection', 'close');
    return payload;
  });
  app.get('/readyz', async (_request, reply) => {
    if (draining) return reply.code(503).send({ ready: false, draining: true });
    // Shedding under heap pressure: traffic belongs on another instance until the heap is under its bound again.
    if (app.isUnderPressure()) return reply.code(503).send({ ready: false, shedding: true });
    const readiness = await probe();
    return reply.code(readiness.ready ? 200 : 503).send({ ...readiness, dataItems: live.current().catalog.size });
  });
  if (options.console) registerConsole(app, options.console.bundleDir);
  if (options.console?.demoSignIn) registerDemoSignIn(app, options.departments, options.console.demoSignIn);
  // A body refused before handleGraphQL (unparseable, too large, wrong media type) by a consumer with a valid token is recorded all the same.
  registerEdgeErrors(
    app,
    async (request, code) => {
      if (request.routeOptions.url !== GRAPHQL_ROUTE) return true;
      const authentication = await authenticateRequest(request);
      if (!('consumer' in authentication)) return true;
      return recordRefusal({ requestId: String(request.id), consumer: authentication.consumer, use: undefined, startedAt: performance.now() }, code);
    },
    { ...(options.console?.demoSignIn ? { [DEMO_SIGN_IN_PATH]: 'POST' } : {}), ...(oidcSignIn ? OIDC_ROUTES : {}) },
  );

  return {
    app,
    get catalog() {
      return live.current().catalog;
    },
    supergraph: live.current,
    metrics,
    drain: () => {
      if (!draining) app.log.info('draining: /readyz answers 503, requests in flight finish');
      draining = true;
    },
    close: async () => {
      await app.close();
      await apollo.stop();
    },
  };
}
