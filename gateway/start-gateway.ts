/**
 * Starts one gateway on a composed supergraph: its audit writer (chain, spool, quarantine, checkpoint
 * anchors), its rate limits and entity budget, and the gateway itself, listening. What it stands on is
 * given: the supergraph and its catalog, the grant source, the store of record and the shared Redis
 * connection (the launcher in `scripts/launch-gateway.ts` owns them and closes them).
 */
import { sql, type Kysely } from 'kysely';
import type { CryptoKey, KeyObject } from 'jose';
import type { GrantSource } from '../platform/grant-source.ts';
import type { KeyPair } from '../platform/keys.ts';
import type { Database } from '../platform/store/tables.ts';
import type { Redis } from './cache/redis-connection.ts';
import { createRateLimiter, type RateLimits } from './admit/rate-limit.ts';
import { createEntityBudget } from './admit/entity-budget.ts';
import type { OperationLimits } from './admit/operation-limits.ts';
import { createAuditSpool } from './audit/audit-spool.ts';
import { createAuditWriter } from './audit/audit-writer.ts';
import { createCheckpointLog, createRedisCheckpointPublisher } from './audit/checkpoint-anchors.ts';
import { createGateway, type Gateway, type GatewayOptions, type LogStream } from './create-gateway.ts';
import type { SubjectHmac } from '../platform/subject-key.ts';
import type { SupergraphFeed, SupergraphState } from './live-supergraph.ts';
import type { SubgraphCallOptions } from './sign/signed-data-source.ts';
import { startMetricsEndpoint, type MetricsEndpoint, type MetricsListen } from '../platform/observe/metrics-endpoint.ts';

export interface StartGatewayOptions {
  /** The store of record: audit records are written to it, and `/readyz` checks it. */
  db: Kysely<Database>;
  supergraphSdl: string;
  /** New supergraphs, swapped in without a restart. */
  supergraphFeed?: SupergraphFeed | undefined;
  onSupergraphSwap?: ((state: SupergraphState) => void) | undefined;
  grants: GrantSource;
  departments: readonly string[];
  tokenPublicKey: CryptoKey | KeyObject;
  /** Longest consumer-token lifetime accepted (default 24 h). */
  tokenMaxLifetimeSeconds?: number | undefined;
  gatewaySigning: KeyPair;
  host: string;
  port: number;
  logLevel: string;
  /** Where the gateway's log lines go; default standard output (tests read them). */
  logStream?: LogStream | undefined;
  undeclaredFields?: 'deny' | 'unconditional' | undefined;
  /**
   * Audit chain of this instance, its local spool and quarantine files, its checkpoint log (the
   * anchor outside the store) and the current audit signing key (asked at each checkpoint); without
   * them nothing is audited (benchmark baselines only). `checkpointIntervalMs`: the longest record time
   * between signed checkpoints, default 60 s (tests shorten it rather than wait for the timer).
   */
  audit?:
    | {
        chain: string;
        spoolPath: string;
        quarantinePath: string;
        checkpointLogPath: string;
        signingKey: () => Promise<KeyPair>;
        checkpointIntervalMs?: number;
        /** Keys the subjects each record lists (platform/subject-key.ts); without it records list none. */
        subjectHmac?: SubjectHmac;
      }
    | undefined;
  /** Shared Redis (rate limits, entity budget, checkpoint stream); absent → in memory, this instance only. */
  redis?: Redis | undefined;
  redisPrefix: string;
  rateLimits?: RateLimits | undefined;
  /** Entities one application may be served per minute (shared in Redis); absent → no entity budget. */
  entityBudgetPerMinute?: number | undefined;
  /** Operation limits other than the defaults. */
  limits?: Partial<OperationLimits> | undefined;
  /** HTTP client and de-duplication of subgraph calls (benchmark baselines); default the pooled client, de-duplicating. */
  subgraphCalls?: SubgraphCallOptions | undefined;
  /** The web console's bundle and, on demo keys only, its demo sign-in (see `GatewayOptions.console`). */
  console?: GatewayOptions['console'];
  /** See `GatewayOptions.shedHeapUsedPercent`. */
  shedHeapUsedPercent?: number | undefined;
  /** Where to serve `/metrics` (its own listener, never the gateway's port); absent → not served. */
  metrics?: MetricsListen | undefined;
}

export interface RunningGateway {
  gateway: Gateway;
  url: string;
  /** The Prometheus endpoint, when one was asked for. */
  metricsUrl: string | undefined;
  /** Stops the gateway and its audit writer (after the spool drained); not what it was given. */
  close(): Promise<void>;
}

export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const { redis, redisPrefix: prefix } = options;
  const audit = options.audit
    ? await createAuditWriter({
        db: options.db,
        spool: createAuditSpool(options.audit.spoolPath),
        quarantineFile: createAuditSpool(options.audit.quarantinePath),
        chain: options.audit.chain,
        checkpointKey: options.audit.signingKey,
        checkpointLog: createCheckpointLog(options.audit.checkpointLogPath),
        ...(options.audit.checkpointIntervalMs ? { checkpointIntervalMs: options.audit.checkpointIntervalMs } : {}),
        ...(redis ? { publishCheckpoints: createRedisCheckpointPublisher(redis, prefix) } : {}),
      })
    : undefined;
  try {
    const gateway = await createGateway({
      supergraphSdl: options.supergraphSdl,
      supergraphFeed: options.supergraphFeed,
      onSupergraphSwap: options.onSupergraphSwap,
      departments: options.departments,
      tokenPublicKey: options.tokenPublicKey,
      tokenMaxLifetimeSeconds: options.tokenMaxLifetimeSeconds,
      gatewaySigningKey: options.gatewaySigning.privateKey,
      grants: options.grants,
      ...(options.undeclaredFields ? { undeclaredFields: options.undeclaredFields } : {}),
      logLevel: options.logLevel,
      ...(options.logStream ? { logStream: options.logStream } : {}),
      storeChecks: [{ name: 'store', check: async () => void (await sql`select 1`.execute(options.db)) }],
      ...(audit ? { audit } : {}),
      ...(options.audit?.subjectHmac ? { subjectHmac: options.audit.subjectHmac } : {}),
      ...(options.rateLimits ? { rateLimit: createRateLimiter(options.rateLimits, redis, prefix) } : {}),
      ...(options.entityBudgetPerMinute ? { entityBudget: createEntityBudget(options.entityBudgetPerMinute, redis, prefix) } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.subgraphCalls ? { subgraphCalls: options.subgraphCalls } : {}),
      ...(options.console ? { console: options.console } : {}),
      shedHeapUsedPercent: options.shedHeapUsedPercent,
    });
    let metricsEndpoint: MetricsEndpoint | undefined;
    try {
      metricsEndpoint = options.metrics ? await startMetricsEndpoint(gateway.metrics.registry, options.metrics) : undefined;
    } catch (error) {
      await gateway.close();
      throw new Error(`Cannot serve metrics on ${options.metrics!.host}:${options.metrics!.port} (METRICS_PORT): ${(error as Error).message}`, {
        cause: error,
      });
    }
    const url = `${await gateway.app.listen({ host: options.host, port: options.port })}/graphql`;
    return {
      gateway,
      url,
      metricsUrl: metricsEndpoint?.url,
      close: async () => {
        await gateway.close();
        await audit?.close();
        await metricsEndpoint?.close();
      },
    };
  } catch (error) {
    await audit?.close();
    throw error;
  }
}
