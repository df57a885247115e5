/**
 * What every launcher of a long-running process does alike: pass on the settings of the
 * environment that both the demo and a lone gateway take (shared caches, rate and entity budgets,
 * key limits, longest grant validity), and stop cleanly on Ctrl+C (SIGINT) or a container stop
 * (SIGTERM): close what it runs, then exit 0.
 */
import type { GatewayConfig } from '../gateway/config.ts';

/** The environment's settings a gateway launch takes as they are, named as the launch options name them. */
export function launchSettings(config: Readonly<GatewayConfig>) {
  return {
    redisUrl: config.redisUrl,
    redisPrefix: config.redisPrefix,
    rateLimits: config.rateLimits,
    entityBudgetPerMinute: config.entityBudgetPerMinute,
    limits: { keysPerRequest: config.maxKeysPerRequest },
    grantMaxValidityDays: config.grantMaxValidityDays,
    regulationProfile: config.regulationProfile,
    freshnessReadIntervalSeconds: config.freshnessReadIntervalSeconds,
  };
}

/** Closes what the process runs and exits on SIGINT or SIGTERM, whichever comes first. */
export function stopOnSignal(close: () => Promise<void>): void {
  const stop = async () => {
    await close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
