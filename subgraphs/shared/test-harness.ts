/**
 * Component-test harness for a department subgraph: starts it in process from its definition with a
 * fresh gateway key pair, records every call into its store, signs gateway tokens and posts queries
 * through `app.inject` (no network). Shared by every `subgraphs/<dept>/subgraph.test.ts`.
 */
import type { FastifyInstance } from 'fastify';
import { generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { onTestFinished } from 'vitest';
import { createSubgraphServer } from './create-subgraph-server.ts';
import type { DepartmentDefinition } from './department.ts';
import { BODY_HASH_CLAIM, GATEWAY_ISSUER, hashRequestBody } from '../../platform/gateway-call.ts';

export interface GraphQLResponse {
  statusCode: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes differ per query; tests assert them
  body: { data?: any; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
}

export interface PostOptions {
  /** The bearer token; default a fresh gateway-signed token. `null` sends no Authorization header. */
  token?: string | null;
}

export interface SubgraphHarness {
  app: FastifyInstance;
  /** The private half of the gateway key this subgraph trusts (tokens built by hand). */
  gatewayPrivateKey: CryptoKey;
  /** Posts one GraphQL operation to `/graphql`. */
  post(query: string, variables?: Record<string, unknown>, options?: PostOptions): Promise<GraphQLResponse>;
  /** The argument lists of every call to the store method `name`, in call order. */
  storeCalls(name: string): unknown[][];
  /** A token as the gateway signs it for `body`; default audience is the department itself. */
  signToken(body: string, options?: { audience?: string; privateKey?: CryptoKey }): Promise<string>;
}

/** Wraps every method of a store so its calls are recorded, without changing what it returns. */
function recordCalls<Store>(store: Store, calls: Map<string, unknown[][]>): Store {
  const recorded: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(store as Record<string, unknown>)) {
    recorded[name] =
      typeof value === 'function'
        ? (...args: unknown[]) => {
            calls.set(name, [...(calls.get(name) ?? []), args]);
            return (value as (...a: unknown[]) => unknown).apply(store, args);
          }
        : value;
  }
  return recorded as Store;
}

/** Starts the department's subgraph for one test and closes it when the test finishes. */
export async function setupSubgraph<Store, Loaders>(
  department: DepartmentDefinition<Store, Loaders>,
  options: { redisUrl?: string; store?: Store } = {},
): Promise<SubgraphHarness> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const calls = new Map<string, unknown[][]>();
  const app = await createSubgraphServer(
    { ...department, createBackend: () => recordCalls(options.store ?? department.createBackend(), calls) },
    { gatewayKeys: publicKey, ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}) },
  );
  onTestFinished(() => app.close());

  const signToken: SubgraphHarness['signToken'] = (body, options = {}) =>
    new SignJWT({ dept: 'civil-affairs', purpose: 'WORK_REFERENCE', [BODY_HASH_CLAIM]: hashRequestBody(body) })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience(options.audience ?? department.name)
      .setSubject('test-app')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(options.privateKey ?? privateKey);

  return {
    app,
    gatewayPrivateKey: privateKey,
    signToken,
    storeCalls: (name) => calls.get(name) ?? [],
    async post(query, variables, options = {}) {
      const payload = JSON.stringify({ query, variables });
      const token = options.token === undefined ? await signToken(payload) : options.token;
      const response = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
        payload,
      });
      return { statusCode: response.statusCode, body: response.json() };
    },
  };
}

/** An `_entities` query for representations of one type, selecting `selection` on it. */
export function entitiesQuery(typeName: string, selection: string): string {
  return `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typeName} { ${selection} } } }`;
}
