/**
 * What every launcher of a long-running process does alike: pass on the settings of the
 * environment that both the demo and a lone gateway take (shared caches, rate and entity budgets,
 * key limits, longest grant validity, notifications), and stop cleanly on Ctrl+C (SIGINT) or a container stop
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
    notifications: config.notifications,
    metrics: config.metrics,
    subgraphCalls: { guard: config.subgraphGuard },
    freshnessReadIntervalSeconds: config.freshnessReadIntervalSeconds,
    shedHeapUsedPercent: config.shedHeapUsedPercent,
  };
}

/**
 * How a process that serves traffic stops: `begin` turns readiness off at once; for `graceMs` it
 * still accepts connections (load balancers and Kubernetes endpoints take that long to notice);
 * then `close` refuses new connections and waits for the requests in flight. If all that takes
 * longer than `timeoutMs`, the process exits 1 rather than hang.
 */
export interface Drain {
  begin(): void;
  graceMs: number;
  timeoutMs: number;
}

/** Closes what the process runs (after draining, when given) and exits 0 on SIGINT or SIGTERM, whichever comes first. */
export function stopOnSignal(close: () => Promise<void>, drain?: Drain): void {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      if (drain) {
        setTimeout(() => {
          process.stderr.write(`The stop took longer than ${drain.timeoutMs} ms (DRAIN_TIMEOUT_MS); exiting with requests unfinished\n`);
          process.exit(1);
        }, drain.timeoutMs).unref();
        drain.begin();
        await new Promise((resolve) => setTimeout(resolve, drain.graceMs));
      }
      await close();
      process.exit(0);
    } catch (error) {
      process.stderr.write(`The stop failed: ${(error as Error).message}\n`);
      process.exit(1);
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
