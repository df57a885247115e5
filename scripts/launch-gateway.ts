/**
 * The launcher of one gateway process, where its parts meet: the store-backed grant source (and the
 * Redis bus that tells other instances grants changed), the info-center's governance subgraph beside
 * the gateway, the supergraph (department subgraphs + info-center, composed after the publish checks,
 * or a supergraph file as given), the catalog synchronised into the store, and the gateway. The
 * gateway and the subgraphs never import each other; only this file sees both.
 */
import type { FastifyInstance } from 'fastify';
import { createAuditIntegrity } from '../gateway/audit/audit-integrity.ts';
import type { ShareCatalog } from '../policies/types.ts';
import { DEFAULT_REGULATION_PROFILE, requireShippedProfile } from '../policies/regulation-profiles.ts';
import type { RegulationProfile } from '../policies/regulation-profile.ts';
import { createMemoryInvalidationBus, createRedisInvalidationBus } from '../gateway/cache/invalidation-bus.ts';
import { closeRedis, connectRedis } from '../gateway/cache/redis-connection.ts';
import { startGateway, type RunningGateway, type StartGatewayOptions } from '../gateway/start-gateway.ts';
import type { GrantSource } from '../platform/grant-source.ts';
import type { Store } from '../platform/store/database.ts';
import { createStoreGrantSource } from '../platform/store/store-grant-source.ts';
import type { SubgraphSource } from '../schema/compose-supergraph.ts';
import type { SupergraphFeed } from '../gateway/live-supergraph.ts';
import { readSupergraphVersion, seedSubgraphs } from '../platform/store/subgraph-rows.ts';
import { composeFromStore, fileSupergraphFeed, readCheckedSupergraphFile, storeSupergraphFeed, type StoreSupergraphFeed } from './supergraph-feeds.ts';
import { readShareCatalog } from '../schema/read-share-catalog.ts';
import { syncCatalog } from '../subgraphs/info-center/catalog.ts';
import { createInfoCenterSubgraph, INFO_CENTER_TYPE_DEFS } from '../subgraphs/info-center/definition.ts';
import { startFreshnessReading } from '../subgraphs/info-center/freshness.ts';
import { recordFreshnessIntervals } from '../subgraphs/info-center/freshness-history.ts';
import { startAuditRollUp, type AuditRollUpScheduler } from '../subgraphs/info-center/audit-rollup-scheduler.ts';
import type { GovernanceServices } from '../subgraphs/info-center/governance-services.ts';
import { createSubgraphServer, type SubgraphServerOptions } from '../subgraphs/shared/create-subgraph-server.ts';
import { startAuditPartitionMaintenance } from '../platform/store/audit-partitions.ts';
import { startNotificationScheduler, type NotificationScheduler } from '../subgraphs/info-center/notification-scheduler.ts';
import { DEFAULT_WEBHOOK_DELIVERY, type WebhookDeliveryOptions } from '../subgraphs/info-center/webhook-delivery.ts';
import { PLATFORM_OPERATOR } from '../policies/types.ts';

/** What the launcher decides itself; everything else goes to the gateway as given. */
type Launched = 'db' | 'supergraphSdl' | 'supergraphFeed' | 'onSupergraphSwap' | 'grants' | 'redis' | 'redisPrefix';

export interface LaunchGatewayOptions extends Omit<StartGatewayOptions, Launched> {
  store: Store;
  /**
   * The department subgraphs the platform runs itself, registered in the store's subgraph registry
   * on first start (see seedSubgraphs); the supergraph is composed from the registry's published
   * versions and the info-center. Ignored when `supergraphPath` is given.
   */
  departmentSubgraphs: readonly SubgraphSource[];
  /** A supergraph file: used as is (after the supergraph checks), without the info-center subgraph, and watched. */
  supergraphPath?: string | undefined;
  /** Port of the info-center subgraph (0: any free port). */
  infoCenterPort: number;
  /** Replaces the store-backed grants (tests that drive grants directly). */
  grants?: GrantSource | undefined;
  /** Shared Redis (grant changes, rate limits, checkpoints); absent → in memory, this instance only. */
  redisUrl?: string | undefined;
  redisPrefix?: string | undefined;
  /** Longest validity of a grant, in days; default the profile's (`GRANT_MAX_VALIDITY_DAYS`). */
  grantMaxValidityDays?: number | undefined;
  /** The regulation profile governance runs by; default `zhoucun-2018` (`REGULATION_PROFILE`). */
  regulationProfile?: RegulationProfile | undefined;
  /** The clock of governance decisions (submission, due dates, validity); default the system clock. Tests set calendar dates with it. */
  now?: (() => Date) | undefined;
  /** Deadline sweeps, automatic escalation and webhook delivery; defaults as README, Configuration says. */
  notifications?: NotificationLaunchSettings | undefined;
  /**
   * Seconds between two readings of the providers' data-as-of dates (art. 14; `FRESHNESS_READ_INTERVAL_SECONDS`);
   * absent: not read on a schedule (tests read with `readFreshness`). Not with `supergraphPath`.
   */
  freshnessReadIntervalSeconds?: number | undefined;
  /** Observes calls the info-center subgraph accepts (tests). */
  onInfoCenterCall?: SubgraphServerOptions['onGatewayCall'];
}

export interface NotificationLaunchSettings {
  autoEscalateOverdue?: boolean | undefined;
  sweepIntervalMs?: number | undefined;
  deliverIntervalMs?: number | undefined;
  delivery?: Partial<WebhookDeliveryOptions> | undefined;
}

export interface LaunchedGateway extends RunningGateway {
  supergraphSdl: string;
  catalog: ShareCatalog;
  infoCenter: FastifyInstance | undefined;
  /** The notification scheduler beside the info-center (absent with a supergraph file: no governance). */
  notifications: NotificationScheduler | undefined;
  /** The audit roll-up ahead of reports beside the info-center (at start and nightly; absent with a supergraph file). */
  auditRollUp: AuditRollUpScheduler | undefined;
}

export async function launchGateway(options: LaunchGatewayOptions): Promise<LaunchedGateway> {
  const {
    store,
    departmentSubgraphs,
    supergraphPath,
    infoCenterPort,
    grantMaxValidityDays,
    regulationProfile,
    now,
    onInfoCenterCall,
    redisUrl,
    notifications: notificationSettings,
    freshnessReadIntervalSeconds,
    ...gatewayOptions
  } = options;
  const profile = regulationProfile ?? requireShippedProfile(DEFAULT_REGULATION_PROFILE);
  const prefix = options.redisPrefix ?? 'zhoucun:';
  const logRedis = (error: unknown) => void error; // reconnects by itself; fallbacks cover the gap
  const redis = redisUrl ? connectRedis(redisUrl, logRedis) : undefined;
  const bus = redis ? createRedisInvalidationBus(redis, prefix, logRedis) : createMemoryInvalidationBus();
  const storeGrants = options.grants ? undefined : await createStoreGrantSource(store.db, {});
  bus.onGrantsChanged(() => void storeGrants?.refresh().catch(() => undefined));
  let catalog: ShareCatalog | undefined;
  // The departments whose tokens are accepted: the registry's, read again whenever the supergraph
  // version moves (a registration moves it). If the registry cannot be read, the last list stays.
  const departments: string[] = [...options.departments];
  const readDepartments = async () => {
    const codes = (await store.db.selectFrom('departments').select('code').orderBy('code').execute()).map((row) => row.code);
    departments.splice(0, departments.length, ...new Set([...options.departments, ...codes]));
  };
  const localSubgraphs: SubgraphSource[] = [];
  let storeFeed: StoreSupergraphFeed | undefined;
  const services: GovernanceServices = {
    db: store.db,
    catalog: () => {
      if (!catalog) throw new Error('the catalog is not loaded yet');
      return catalog;
    },
    departments,
    grantMaxValidityDays: grantMaxValidityDays ?? profile.grantValidity.maxDays,
    profile,
    now: now ?? (() => new Date()),
    subjectHmac: gatewayOptions.audit?.subjectHmac,
    grantsChanged: async () => {
      await storeGrants?.refresh();
      await bus.publishGrantsChanged().catch(logRedis);
    },
    supergraphSdl: () => {
      if (!gateway) throw new Error('the supergraph is not loaded yet');
      return gateway.gateway.supergraph().sdl;
    },
    localSubgraphs,
    supergraphChanged: async () => {
      await storeFeed?.refresh();
      await bus.publishSupergraphChanged().catch(logRedis);
    },
  };
  bus.onSupergraphChanged(() => void storeFeed?.refresh().catch(logRedis));
  // With the audit writer, the operator reads the trail's integrity (`auditIntegrity`): the newest result
  // `npm run audit:verify -- --record` stored; the gateway itself never verifies.
  if (gatewayOptions.audit) services.auditIntegrity = createAuditIntegrity(store.db);

  let infoCenter: FastifyInstance | undefined;
  let notifications: NotificationScheduler | undefined;
  let auditRollUp: AuditRollUpScheduler | undefined;
  let gateway: RunningGateway | undefined;
  let stopFreshnessReading: (() => void) | undefined;
  let stopAuditPartitions: (() => void) | undefined;
  const close = async () => {
    await notifications?.close();
    await auditRollUp?.close();
    stopFreshnessReading?.();
    stopAuditPartitions?.();
    storeGrants?.close();
    await gateway?.close();
    await infoCenter?.close();
    await bus.close();
    await closeRedis(redis);
  };
  try {
    let supergraphSdl: string;
    let supergraphFeed: SupergraphFeed;
    if (supergraphPath) {
      supergraphSdl = readCheckedSupergraphFile(supergraphPath);
      supergraphFeed = fileSupergraphFeed(supergraphPath, logRedis);
    } else {
      infoCenter = await createSubgraphServer(createInfoCenterSubgraph(services), {
        gatewayKeys: options.gatewaySigning.publicKey,
        logLevel: options.logLevel,
        ...(options.logStream ? { logStream: options.logStream } : {}),
        ...(onInfoCenterCall ? { onGatewayCall: onInfoCenterCall } : {}),
      });
      const infoCenterUrl = await infoCenter.listen({ host: '127.0.0.1', port: infoCenterPort });
      localSubgraphs.push({ name: PLATFORM_OPERATOR, url: `${infoCenterUrl}/graphql`, typeDefs: INFO_CENTER_TYPE_DEFS });
      await seedSubgraphs(store.db, departmentSubgraphs);
      const composedAt = await readSupergraphVersion(store.db);
      supergraphSdl = await composeFromStore(store.db, localSubgraphs);
      supergraphFeed = storeFeed = storeSupergraphFeed({ db: store.db, local: localSubgraphs, composedAt, onMoved: readDepartments, onError: logRedis });
    }
    // This month's and the next months' audit partitions, before the first record; then once a day.
    stopAuditPartitions = await startAuditPartitionMaintenance(store.db, {
      now: services.now,
      onError: (error) => gateway?.gateway.app.log.error({ err: error }, 'audit partitions could not be made; records go to the DEFAULT partition'),
    });
    await readDepartments();
    catalog = readShareCatalog(supergraphSdl, { undeclaredAsUnconditional: options.undeclaredFields === 'unconditional' });
    await syncCatalog(store.db, catalog, new Date());
    gateway = await startGateway({
      ...gatewayOptions,
      db: store.db,
      departments,
      supergraphSdl,
      supergraphFeed,
      onSupergraphSwap: (state) => void (catalog = state.catalog),
      grants: options.grants ?? storeGrants!,
      redis,
      redisPrefix: prefix,
    });
    // Once everything is up: the scheduler's rounds never compete with composition for the store.
    if (infoCenter) {
      const autoEscalateOverdue = notificationSettings?.autoEscalateOverdue ?? false;
      notifications = startNotificationScheduler(services, {
        sweepIntervalMs: notificationSettings?.sweepIntervalMs ?? 60_000,
        deliverIntervalMs: notificationSettings?.deliverIntervalMs ?? 1_000,
        delivery: { ...DEFAULT_WEBHOOK_DELIVERY, ...notificationSettings?.delivery },
        autoEscalateOverdue: () => autoEscalateOverdue,
        onError: (error) => infoCenter?.log.error({ err: error }, 'notification scheduler run failed'),
      });
      // In the background: readiness does not wait for a year of roll-up; a report meanwhile rolls a bounded part itself.
      auditRollUp = startAuditRollUp(store.db, {
        now: services.now,
        onError: (error) => infoCenter?.log.error({ err: error }, 'audit roll-up failed; retried in 15 minutes'),
        onRolled: (days) =>
          infoCenter?.log.info(
            { days: days.length, first: days.reduce((a, b) => (a < b ? a : b)), last: days.reduce((a, b) => (a > b ? a : b)) },
            'audit days rolled up',
          ),
      });
    }
    if (freshnessReadIntervalSeconds && !supergraphPath) {
      const logFreshness = (error: unknown) => gateway?.gateway.app.log.warn({ err: error }, 'freshness reading failed; the last readings stay');
      const intervalMs = freshnessReadIntervalSeconds * 1000;
      // A resource not confirmed for three rounds was not watched: that gap is UNKNOWN in its history.
      stopFreshnessReading = startFreshnessReading(store.db, services.now, intervalMs, logFreshness, () => recordFreshnessIntervals(services, 3 * intervalMs));
    }
    return {
      ...gateway,
      get supergraphSdl() {
        return gateway!.gateway.supergraph().sdl;
      },
      get catalog() {
        return gateway!.gateway.catalog;
      },
      infoCenter,
      notifications,
      auditRollUp,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
