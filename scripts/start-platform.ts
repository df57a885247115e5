/**
 * Starts the department subgraphs and one gateway (with its governance subgraph and store) in this
 * process: the demo (`npm start`), the integration tests and the benchmark all run the platform this
 * way. Port 0 picks free ports.
 */
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { auditAnchorDir, auditQuarantinePath, auditSpoolPath, type OidcConfig } from '../gateway/config.ts';
import { checkpointLogPath } from '../gateway/audit/checkpoint-anchors.ts';
import type { GrantSource } from '../platform/grant-source.ts';
import type { Gateway, LogStream } from '../gateway/create-gateway.ts';
import { DEPARTMENT_CODES } from '../platform/departments.ts';
import { INFO_CENTER_DEFAULT_PORT } from '../subgraphs/info-center/definition.ts';
import { seedStore } from '../subgraphs/info-center/seed.ts';
import { demoKeyPath, ensureDemoKeyPair, type KeyPair } from '../platform/keys.ts';
import { loadPublicKeySet, watchSigningKey, type PublicKeySet } from '../platform/key-set.ts';
import type { RateLimits } from '../gateway/admit/rate-limit.ts';
import type { OperationLimits } from '../gateway/admit/operation-limits.ts';
import { defaultPgliteDir, openStore, type Store } from '../platform/store/database.ts';
import { migrateToLatest } from '../platform/store/migrate.ts';
import type { ShareCatalog } from '../policies/types.ts';
import type { RegulationProfile } from '../policies/regulation-profile.ts';
import { createSubgraphServer, type SubgraphServerOptions } from '../subgraphs/shared/create-subgraph-server.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { launchGateway, type LaunchedGateway, type LaunchGatewayOptions, type NotificationLaunchSettings } from './launch-gateway.ts';
import type { NotificationScheduler } from '../subgraphs/info-center/notification-scheduler.ts';
import type { AuditRollUpScheduler } from '../subgraphs/info-center/audit-rollup-scheduler.ts';
import { ensureSubjectHmac } from '../platform/subject-key.ts';
import { CONSOLE_BUNDLE_DIR } from './console-bundle.ts';
import { issueToken } from './issue-token.ts';
import type { MetricsListen } from '../platform/observe/metrics-endpoint.ts';
import type { SubgraphCallOptions } from '../gateway/sign/signed-data-source.ts';

export interface PlatformOptions {
  dataDir: string;
  /** The console's OpenID Connect sign-in (tests start a provider of their own). */
  oidc?: OidcConfig | undefined;
  /** Gateway port; default 4000, 0 for any free port. */
  gatewayPort?: number;
  /** Use each subgraph's default port (4101…, governance 4100) when true; any free port otherwise. Default false. */
  defaultSubgraphPorts?: boolean;
  /** PostgreSQL connection string; absent → PGlite (in the data directory, or in memory with `pgliteInMemory`). */
  databaseUrl?: string | undefined;
  pgliteInMemory?: boolean;
  /** The dump a new PGlite cluster starts from (see `openStore`). */
  pgliteTemplate?: Blob;
  /** Replaces the store-backed grants. */
  grants?: GrantSource;
  logLevel?: string;
  /** Where the gateway's and the subgraphs' log lines go; default standard output. */
  logStream?: LogStream | undefined;
  /** Seconds between two readings of the providers' data-as-of dates (art. 14); absent: not read on a schedule. */
  freshnessReadIntervalSeconds?: number | undefined;
  /** Longest a subgraph caches a resolver answer, whatever the update cycle; default 3600. */
  resolverCacheMaxTtlSeconds?: number | undefined;
  /** Observes every call a subgraph (governance included) accepts from the gateway. */
  onSubgraphCall?: SubgraphServerOptions['onGatewayCall'];
  /** Audit every data request (default true); off only for benchmark baselines. */
  audit?: boolean;
  /** The gateway's audit chain; default `gateway-<host>-<port>`. */
  auditChain?: string;
  /** Redis for caches, invalidation and rate limits; absent → in memory. */
  redisUrl?: string | undefined;
  redisPrefix?: string;
  rateLimits?: RateLimits;
  /** Entities one application may be served per minute; absent → no entity budget. */
  entityBudgetPerMinute?: number | undefined;
  /** See `GatewayOptions.shedHeapUsedPercent`. */
  shedHeapUsedPercent?: number | undefined;
  /** Operation limits other than the defaults. */
  limits?: Partial<OperationLimits> | undefined;
  /** Longest validity of a grant, in days; default the profile's. */
  grantMaxValidityDays?: number;
  /** The regulation profile governance runs by; default `zhoucun-2018`. */
  regulationProfile?: RegulationProfile | undefined;
  /** Longest record time between signed audit checkpoints; default 60 s (tests shorten it). */
  auditCheckpointIntervalMs?: number;
  /** The clock of governance decisions; default the system clock (tests set calendar dates). */
  now?: () => Date;
  /** Deadline sweeps, automatic escalation and webhook delivery. */
  notifications?: NotificationLaunchSettings | undefined;
  /** Where the gateway serves `/metrics` (`METRICS_HOST`/`METRICS_PORT`); absent → not served. */
  metrics?: MetricsListen | undefined;
  /** Timeouts and circuit breakers of subgraph calls (and the benchmark's HTTP clients); default DEFAULT_SUBGRAPH_GUARD. */
  subgraphCalls?: SubgraphCallOptions | undefined;
}

export interface Platform {
  gateway: Gateway;
  gatewayUrl: string;
  /** The gateway's Prometheus endpoint, when `metrics` was given. */
  metricsUrl: string | undefined;
  subgraphs: ReadonlyArray<{ name: string; url: string; app: FastifyInstance }>;
  supergraphSdl: string;
  catalog: ShareCatalog;
  store: Store;
  tokenIssuer: KeyPair;
  gatewaySigning: KeyPair;
  /** Every current and retired audit public key (`DATA_DIR/keys/audit-signing.public-keys.json`). */
  auditKeys: PublicKeySet;
  /** The notification scheduler of the platform's gateway (tests run its sweeps and deliveries). */
  notifications: NotificationScheduler | undefined;
  /** The audit roll-up ahead of reports of the platform's gateway (tests await its start run and run it as the night would). */
  auditRollUp: AuditRollUpScheduler | undefined;
  /**
   * Another gateway over the same subgraphs and store, with its own info-center, on free ports and
   * without audit unless given; the caller closes it.
   */
  launchAnotherGateway(options?: AnotherGatewayOptions): Promise<LaunchedGateway>;
  close(): Promise<void>;
}

export interface AnotherGatewayOptions {
  /** A subgraph reached at another URL than the platform's (e.g. through a proxy), by name. */
  subgraphUrls?: Readonly<Record<string, string>>;
  /** Replaces the store-backed grants. */
  grants?: GrantSource;
  audit?: LaunchGatewayOptions['audit'];
  notifications?: NotificationLaunchSettings;
  /** Timeouts and circuit breakers of its subgraph calls; default DEFAULT_SUBGRAPH_GUARD. */
  subgraphCalls?: SubgraphCallOptions | undefined;
}

export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const tokenIssuer = await ensureDemoKeyPair(options.dataDir, 'token-issuer');
  const gatewaySigning = await ensureDemoKeyPair(options.dataDir, 'gateway-signing');
  await ensureDemoKeyPair(options.dataDir, 'audit-signing');
  // Subgraphs accept every key of the gateway's set, so a gateway restarted after a rotation is answered.
  const gatewayKeys = await loadPublicKeySet(demoKeyPath(options.dataDir, 'gateway-signing', 'public-keys'));
  const auditKeys = await loadPublicKeySet(demoKeyPath(options.dataDir, 'audit-signing', 'public-keys'));
  const logLevel = options.logLevel ?? 'silent';
  const auditChain = options.auditChain ?? `gateway-${hostname()}-${options.gatewayPort ?? 4000}`;
  const store = await openStore({
    databaseUrl: options.databaseUrl,
    pgliteDir: options.pgliteInMemory ? undefined : defaultPgliteDir(options.dataDir),
    pgliteTemplate: options.pgliteTemplate,
  });
  const subgraphs: Array<{ name: string; url: string; app: FastifyInstance }> = [];
  try {
    await migrateToLatest(store.db);
    await seedStore(store.db);
    for (const subgraph of SUBGRAPHS) {
      const app = await createSubgraphServer(subgraph.definition, {
        gatewayKeys,
        logLevel,
        ...(options.logStream ? { logStream: options.logStream } : {}),
        ...(options.resolverCacheMaxTtlSeconds ? { cacheTtlCapSeconds: options.resolverCacheMaxTtlSeconds } : {}),
        ...(options.onSubgraphCall ? { onGatewayCall: options.onSubgraphCall } : {}),
        ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
      });
      const url = await app.listen({ host: '127.0.0.1', port: options.defaultSubgraphPorts ? subgraph.defaultPort : 0 });
      subgraphs.push({ name: subgraph.name, url: `${url}/graphql`, app });
    }
    const running = await launchGateway({
      store,
      departmentSubgraphs: SUBGRAPHS.map((subgraph, index) => ({ name: subgraph.name, url: subgraphs[index]!.url, typeDefs: subgraph.definition.typeDefs })),
      departments: DEPARTMENT_CODES,
      tokenPublicKey: tokenIssuer.publicKey,
      gatewaySigning,
      host: '127.0.0.1',
      port: options.gatewayPort ?? 4000,
      infoCenterPort: options.defaultSubgraphPorts ? INFO_CENTER_DEFAULT_PORT : 0,
      logLevel,
      ...(options.logStream ? { logStream: options.logStream } : {}),
      ...(options.grants ? { grants: options.grants } : {}),
      ...(options.onSubgraphCall ? { onInfoCenterCall: options.onSubgraphCall } : {}),
      audit:
        options.audit === false
          ? undefined
          : {
              chain: auditChain,
              spoolPath: auditSpoolPath(options.dataDir, auditChain),
              quarantinePath: auditQuarantinePath(options.dataDir, auditChain),
              checkpointLogPath: checkpointLogPath(auditAnchorDir(options.dataDir), auditChain),
              signingKey: watchSigningKey(demoKeyPath(options.dataDir, 'audit-signing', 'private')),
              subjectHmac: ensureSubjectHmac(options.dataDir),
              ...(options.auditCheckpointIntervalMs ? { checkpointIntervalMs: options.auditCheckpointIntervalMs } : {}),
            },
      redisUrl: options.redisUrl,
      ...(options.redisPrefix ? { redisPrefix: options.redisPrefix } : {}),
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
      entityBudgetPerMinute: options.entityBudgetPerMinute,
      shedHeapUsedPercent: options.shedHeapUsedPercent,
      limits: options.limits,
      ...(options.grantMaxValidityDays ? { grantMaxValidityDays: options.grantMaxValidityDays } : {}),
      regulationProfile: options.regulationProfile,
      freshnessReadIntervalSeconds: options.freshnessReadIntervalSeconds,
      ...(options.now ? { now: options.now } : {}),
      ...(options.notifications ? { notifications: options.notifications } : {}),
      metrics: options.metrics,
      subgraphCalls: options.subgraphCalls,
      // The platform runs on its demo keys: the console's demo sign-in issues tokens with the demo issuer.
      console: {
        bundleDir: CONSOLE_BUNDLE_DIR,
        demoSignIn: (request) => issueToken(tokenIssuer.privateKey, { ...request, expiresIn: '8h' }),
        ...(options.oidc ? { oidc: options.oidc } : {}),
      },
    });
    return {
      gateway: running.gateway,
      gatewayUrl: running.url,
      metricsUrl: running.metricsUrl,
      subgraphs,
      supergraphSdl: running.supergraphSdl,
      catalog: running.catalog,
      store,
      tokenIssuer,
      gatewaySigning,
      auditKeys,
      notifications: running.notifications,
      auditRollUp: running.auditRollUp,
      launchAnotherGateway: (another = {}) =>
        launchGateway({
          store,
          departmentSubgraphs: SUBGRAPHS.map((subgraph, index) => ({
            name: subgraph.name,
            typeDefs: subgraph.definition.typeDefs,
            url: another.subgraphUrls?.[subgraph.name] ?? subgraphs[index]!.url,
          })),
          departments: DEPARTMENT_CODES,
          tokenPublicKey: tokenIssuer.publicKey,
          gatewaySigning,
          host: '127.0.0.1',
          port: 0,
          infoCenterPort: 0,
          logLevel,
          audit: another.audit,
          subgraphCalls: another.subgraphCalls,
          ...(another.grants ? { grants: another.grants } : {}),
          ...(another.notifications ? { notifications: another.notifications } : {}),
        }),
      close: async () => {
        await running.close();
        await Promise.all(subgraphs.map((subgraph) => subgraph.app.close()));
        await store.close();
      },
    };
  } catch (error) {
    await Promise.all(subgraphs.map((subgraph) => subgraph.app.close()));
    await store.close();
    throw error;
  }
}
