/**
 * Starts one gateway process: the store-backed grants, the governance subgraph beside it, the
 * supergraph (department subgraphs + governance, composed after the publish checks, or a supergraph
 * file as given), the catalog synchronised into the store, and the gateway itself.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { CryptoKey, KeyObject } from 'jose';
import { composeSupergraph, type SubgraphSource } from '../schema/compose-supergraph.ts';
import { readShareCatalog } from '../schema/read-share-catalog.ts';
import type { ShareCatalog } from '../policies/types.ts';
import { createSubgraphServer } from '../subgraphs/shared/create-subgraph-server.ts';
import type { GrantSource } from './ability-source.ts';
import { createMemoryInvalidationBus, createRedisInvalidationBus } from './cache/invalidation-bus.ts';
import { closeRedis, connectRedis } from './cache/redis-connection.ts';
import { createRateLimiter, type RateLimits } from './rate-limit.ts';
import { createEntityBudget } from './entity-budget.ts';
import type { OperationLimits } from './operation-limits.ts';
import { createAuditSpool } from './audit/audit-spool.ts';
import { createAuditWriter } from './audit/audit-writer.ts';
import { DEFAULT_GRANT_MAX_VALIDITY_DAYS } from './config.ts';
import { createCheckpointLog, createRedisCheckpointPublisher } from './audit/checkpoint-anchors.ts';
import { createGateway, type Gateway } from './create-gateway.ts';
import { syncCatalog } from './governance/catalog.ts';
import { createGovernanceSubgraph, GOVERNANCE_SUBGRAPH, GOVERNANCE_TYPE_DEFS } from './governance/governance-subgraph.ts';
import { createStoreGrantSource } from './governance/store-grant-source.ts';
import type { KeyPair } from './keys.ts';
import type { Store } from './store/database.ts';

export interface StartGatewayOptions {
  store: Store;
  /** Department subgraphs to compose with the governance subgraph; ignored when `supergraphSdl` is given. */
  departmentSubgraphs: readonly SubgraphSource[];
  /** A supergraph from a file: used as is, without the governance subgraph. */
  supergraphSdl?: string | undefined;
  departments: readonly string[];
  tokenPublicKey: CryptoKey | KeyObject;
  /** Longest consumer-token lifetime accepted (default 24 h). */
  tokenMaxLifetimeSeconds?: number | undefined;
  gatewaySigning: KeyPair;
  host: string;
  port: number;
  /** Port of the governance subgraph (0: any free port). */
  governancePort: number;
  logLevel: string;
  undeclaredFields?: 'deny' | 'unconditional';
  /** Replaces the store-backed grants (tests that drive grants directly). */
  grants?: GrantSource;
  /**
   * Audit chain of this instance, its local spool and quarantine files, its checkpoint log (the
   * anchor outside the store) and the current audit signing key (asked at each checkpoint); without
   * them nothing is audited (benchmark baselines only). `checkpointIntervalMs`: the longest record time
   * between signed checkpoints, default 60 s (tests shorten it rather than wait for the timer).
   */
  audit?: { chain: string; spoolPath: string; quarantinePath: string; checkpointLogPath: string; signingKey: () => Promise<KeyPair>; checkpointIntervalMs?: number } | undefined;
  /** Shared Redis (invalidation, rate limits); absent → in memory, this instance only. */
  redisUrl?: string | undefined;
  redisPrefix?: string;
  rateLimits?: RateLimits;
  /** Entities one application may be served per minute (shared in Redis); absent → no entity budget. */
  entityBudgetPerMinute?: number | undefined;
  /** Operation limits other than the defaults. */
  limits?: Partial<OperationLimits> | undefined;
  /** Longest validity of a grant, in days; default 365 (`GRANT_MAX_VALIDITY_DAYS`). */
  grantMaxValidityDays?: number;
  /** The clock of governance decisions (submission, due dates, validity); default the system clock. Tests set calendar dates with it. */
  now?: () => Date;
  /** Observes calls the governance subgraph accepts (tests). */
  onGovernanceCall?: Parameters<typeof createSubgraphServer>[1]['onGatewayCall'];
}

export interface RunningGateway {
  gateway: Gateway;
  url: string;
  supergraphSdl: string;
  catalog: ShareCatalog;
  governance: FastifyInstance | undefined;
  close(): Promise<void>;
}

export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const prefix = options.redisPrefix ?? 'zhoucun:';
  const logRedis = (error: unknown) => void error; // reconnects by itself; fallbacks cover the gap
  const redis = options.redisUrl ? connectRedis(options.redisUrl, logRedis) : undefined;
  const bus = redis ? createRedisInvalidationBus(redis, prefix, logRedis) : createMemoryInvalidationBus();
  const storeGrants = options.grants ? undefined : await createStoreGrantSource(options.store.db, {});
  bus.onGrantsChanged(() => void storeGrants?.refresh().catch(() => undefined));
  const audit = options.audit
    ? await createAuditWriter({
        db: options.store.db,
        spool: createAuditSpool(options.audit.spoolPath),
        quarantineFile: createAuditSpool(options.audit.quarantinePath),
        chain: options.audit.chain,
        checkpointKey: options.audit.signingKey,
        checkpointLog: createCheckpointLog(options.audit.checkpointLogPath),
        ...(options.audit.checkpointIntervalMs ? { checkpointIntervalMs: options.audit.checkpointIntervalMs } : {}),
        ...(redis ? { publishCheckpoints: createRedisCheckpointPublisher(redis, prefix) } : {}),
      })
    : undefined;
  const grants = options.grants ?? storeGrants!;
  let catalog: ShareCatalog | undefined;
  const governanceDeps = {
    db: options.store.db,
    catalog: () => {
      if (!catalog) throw new Error('the catalog is not loaded yet');
      return catalog;
    },
    departments: options.departments,
    grantMaxValidityDays: options.grantMaxValidityDays ?? DEFAULT_GRANT_MAX_VALIDITY_DAYS,
    now: options.now ?? (() => new Date()),
    grantsChanged: async () => {
      await storeGrants?.refresh();
      await bus.publishGrantsChanged().catch(logRedis);
    },
  };

  let governance: FastifyInstance | undefined;
  let supergraphSdl = options.supergraphSdl;
  try {
    if (!supergraphSdl) {
      governance = await createSubgraphServer(createGovernanceSubgraph(governanceDeps), {
        gatewayKeys: options.gatewaySigning.publicKey,
        logLevel: options.logLevel,
        ...(options.onGovernanceCall ? { onGatewayCall: options.onGovernanceCall } : {}),
      });
      const governanceUrl = await governance.listen({ host: '127.0.0.1', port: options.governancePort });
      supergraphSdl = composeSupergraph([...options.departmentSubgraphs, { name: GOVERNANCE_SUBGRAPH, url: `${governanceUrl}/graphql`, typeDefs: GOVERNANCE_TYPE_DEFS }]);
    }
    catalog = readShareCatalog(supergraphSdl, { undeclaredAsUnconditional: options.undeclaredFields === 'unconditional' });
    await syncCatalog(options.store.db, catalog, new Date());
    const gateway = await createGateway({
      supergraphSdl,
      catalog,
      departments: options.departments,
      tokenPublicKey: options.tokenPublicKey,
      tokenMaxLifetimeSeconds: options.tokenMaxLifetimeSeconds,
      gatewaySigningKey: options.gatewaySigning.privateKey,
      grants,
      ...(options.undeclaredFields ? { undeclaredFields: options.undeclaredFields } : {}),
      logLevel: options.logLevel,
      storeChecks: [{ name: 'store', check: async () => void (await sql`select 1`.execute(options.store.db)) }],
      ...(audit ? { audit } : {}),
      ...(options.rateLimits ? { rateLimit: createRateLimiter(options.rateLimits, redis, prefix) } : {}),
      ...(options.entityBudgetPerMinute ? { entityBudget: createEntityBudget(options.entityBudgetPerMinute, redis, prefix) } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    });
    const url = `${await gateway.app.listen({ host: options.host, port: options.port })}/graphql`;
    return {
      gateway,
      url,
      supergraphSdl,
      catalog,
      governance,
      close: async () => {
        storeGrants?.close();
        await gateway.close();
        await audit?.close();
        await governance?.close();
        await bus.close();
        await closeRedis(redis);
      },
    };
  } catch (error) {
    storeGrants?.close();
    await audit?.close();
    await governance?.close();
    await bus.close();
    await closeRedis(redis);
    throw error;
  }
}
