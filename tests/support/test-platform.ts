/** Starts the whole platform on free ports for one test file, with its own keys and grants. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryGrantSource, type MemoryGrantSource } from '../../platform/grant-source.ts';
import { SEED_GRANTS } from '../../policies/seed-grants.ts';
import type { Role } from '../../policies/types.ts';
import type { RegulationProfile } from '../../policies/regulation-profile.ts';
import type { OperationLimits } from '../../gateway/admit/operation-limits.ts';
import type { RateLimits } from '../../gateway/admit/rate-limit.ts';
import { issueToken } from '../../scripts/issue-token.ts';
import { startPlatform, type Platform } from '../../scripts/start-platform.ts';
import type { NotificationLaunchSettings } from '../../scripts/launch-gateway.ts';
import type { TestDatabase } from './databases.ts';
import type { OidcConfig } from '../../gateway/config.ts';
import type { MetricsListen } from '../../platform/observe/metrics-endpoint.ts';
import { migratedPgliteTemplate } from './pglite-template.ts';

export interface SubgraphCall {
  subgraph: string;
  query: string;
  consumerDept: string;
  purpose: string | undefined;
}

export interface TestPlatform extends Platform {
  dataDir: string;
  /** Grants held in memory, when the platform was started with `memoryGrants` (default). */
  grants: MemoryGrantSource;
  subgraphCalls: SubgraphCall[];
  /** The clock governance decides by: the system clock until a test sets a moment (and resets it when done). */
  governanceClock: { set(instant: string): void; reset(): void };
  client(options: ClientOptions): Client;
  /** Stops the platform and keeps its data directory, so that a command can open the store it leaves. */
  stop(): Promise<void>;
  /** Stops the platform (if still running) and removes its data directory. */
  close(): Promise<void>;
}

export interface ClientOptions {
  dept: string;
  roles?: Role[];
  purpose?: string;
  matter?: string;
  strict?: boolean;
  app?: string;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

/** The code and message of a body's first error, if any. */
export function failure(body: GraphQLBody): { code: unknown; message: string | undefined } | undefined {
  const [error] = body.errors ?? [];
  return error ? { code: error.extensions?.['code'], message: error.message } : undefined;
}

export interface Client {
  query(
    query: string,
    variables?: Record<string, unknown>,
    extraHeaders?: Record<string, string>,
  ): Promise<{ status: number; body: GraphQLBody; requestId: string | null }>;
  post(payload: unknown, extraHeaders?: Record<string, string>): Promise<{ status: number; body: unknown; requestId: string | null }>;
}

export interface TestPlatformOptions {
  /** Drive grants in memory (`grants.replace`) instead of through the store; default true. */
  memoryGrants?: boolean;
  /** Real PostgreSQL; default an in-memory PGlite. */
  databaseUrl?: string;
  auditChain?: string;
  /** Entities per application and minute; default none. */
  entityBudgetPerMinute?: number;
  /** Operation limits other than the defaults. */
  limits?: Partial<OperationLimits>;
  /** Share of V8's heap limit in use above which GraphQL requests are shed; default the gateway's. */
  shedHeapUsedPercent?: number;
  /** Per-consumer rate limits; default none. */
  rateLimits?: RateLimits;
  /** Longest validity of a grant, in days; default the profile's. */
  grantMaxValidityDays?: number;
  /** The regulation profile governance runs by; default `zhoucun-2018`. */
  regulationProfile?: RegulationProfile;
  /** PGlite in `dataDir/pglite`, as `npm start` keeps it, instead of in memory; default false. */
  pgliteOnDisk?: boolean;
  /** Gateway port; default any free port. */
  gatewayPort?: number;
  /** The console's OpenID Connect sign-in. */
  oidc?: OidcConfig;
  /** Longest record time between signed audit checkpoints; default 60 s, whose timer signs a quiet tail after 30–40 s. */
  auditCheckpointIntervalMs?: number;
  /** Notification scheduler settings (sweep and delivery intervals, webhook retries, loopback receivers). */
  notifications?: NotificationLaunchSettings;
  /** Serve the gateway's `/metrics` on this listener; default none. */
  metrics?: MetricsListen;
  /** Log the gateway's and the subgraphs' lines at `info` into this list, one parsed JSON object each; default no logging. */
  logLines?: Array<Record<string, unknown>>;
}

export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhoucun-test-'));
  const grants = createMemoryGrantSource(SEED_GRANTS);
  const subgraphCalls: SubgraphCall[] = [];
  let governanceNow: Date | undefined;
  const platform = await startPlatform({
    dataDir,
    gatewayPort: options.gatewayPort ?? 0,
    ...(options.oidc ? { oidc: options.oidc } : {}),
    pgliteInMemory: !options.pgliteOnDisk,
    ...(options.databaseUrl ? {} : { pgliteTemplate: await migratedPgliteTemplate() }),
    now: () => governanceNow ?? new Date(),
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.auditChain ? { auditChain: options.auditChain } : {}),
    ...(options.entityBudgetPerMinute ? { entityBudgetPerMinute: options.entityBudgetPerMinute } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.shedHeapUsedPercent ? { shedHeapUsedPercent: options.shedHeapUsedPercent } : {}),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.grantMaxValidityDays ? { grantMaxValidityDays: options.grantMaxValidityDays } : {}),
    ...(options.regulationProfile ? { regulationProfile: options.regulationProfile } : {}),
    ...(options.auditCheckpointIntervalMs ? { auditCheckpointIntervalMs: options.auditCheckpointIntervalMs } : {}),
    ...(options.notifications ? { notifications: options.notifications } : {}),
    ...(options.memoryGrants === false ? {} : { grants }),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.logLines ? { logLevel: 'info', logStream: collectLines(options.logLines) } : {}),
    onSubgraphCall: (call) => subgraphCalls.push(call),
  });
  const client = (options: ClientOptions): Client => {
    let token: Promise<string> | undefined;
    const post = async (payload: unknown, extraHeaders: Record<string, string> = {}) => {
      token ??= issueToken(platform.tokenIssuer.privateKey, {
        dept: options.dept,
        roles: options.roles ?? ['consumer'],
        app: options.app ?? `${options.dept}-test`,
      });
      const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${await token}` };
      if (options.purpose) headers['x-share-purpose'] = options.purpose;
      if (options.matter) headers['x-share-matter'] = encodeURIComponent(options.matter);
      if (options.strict) headers['x-share-mode'] = 'strict';
      const response = await fetch(platform.gatewayUrl, {
        method: 'POST',
        headers: { ...headers, ...extraHeaders },
        body: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, requestId: response.headers.get('x-request-id') };
    };
    return {
      post,
      query: async (query, variables, extraHeaders) => {
        const { status, body, requestId } = await post({ query, variables }, extraHeaders);
        return { status, body: body as GraphQLBody, requestId };
      },
    };
  };
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= platform.close());
  return {
    ...platform,
    dataDir,
    grants,
    subgraphCalls,
    governanceClock: {
      set: (instant) => void (governanceNow = new Date(instant)),
      reset: () => void (governanceNow = undefined),
    },
    client,
    stop,
    close: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A log destination that keeps each line, parsed. */
function collectLines(lines: Array<Record<string, unknown>>) {
  return { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
}

/** The platform with its grants in a store of record: a fresh database of the given backend. */
export async function startStoreBackedPlatform(
  createDatabase: () => Promise<TestDatabase>,
  options: Omit<TestPlatformOptions, 'memoryGrants' | 'databaseUrl'> = {},
): Promise<{ platform: TestPlatform; database: TestDatabase }> {
  const database = await createDatabase();
  const platform = await startTestPlatform({ ...options, memoryGrants: false, ...(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {}) });
  return { platform, database };
}

export async function stopStoreBackedPlatform(platform: TestPlatform | undefined, database: TestDatabase | undefined): Promise<void> {
  await platform?.close();
  await database?.drop();
}
