/**
 * Per-consumer rate limits (art. 19: a stable platform no single consumer can monopolise): requests
 * per minute per department and per application, counted across all gateway instances in Redis
 * (rate-limiter-flexible). While Redis is away each instance counts alone (in memory), so the limit
 * holds per instance rather than not at all.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Consumer } from '../../policies/types.ts';
import type { Redis } from '../cache/redis-connection.ts';

export interface RateLimits {
  /** Requests per minute for one department (all its applications together). */
  perDepartment: number;
  /** Requests per minute for one application. */
  perApp: number;
}

export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number; limit: 'department' | 'application' };

export type ConsumeRate = (consumer: Consumer, weight: number) => Promise<RateVerdict>;

/** One limiter of `points` per minute: in Redis when given (memory as insurance), else in memory. */
export function limiter(points: number, keyPrefix: string, redis: Redis | undefined): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ points, duration: 60, keyPrefix });
  if (!redis) return memory;
  return new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, points, duration: 60, keyPrefix, insuranceLimiter: memory });
}

export function createRateLimiter(limits: RateLimits, redis: Redis | undefined, prefix: string): ConsumeRate {
  const department = limiter(limits.perDepartment, `${prefix}rl:dept`, redis);
  const application = limiter(limits.perApp, `${prefix}rl:app`, redis);
  const consume = async (which: RateLimiterAbstract, key: string, weight: number, label: 'department' | 'application'): Promise<RateVerdict> => {
    try {
      await which.consume(key, weight);
      return { ok: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)), limit: label };
      throw rejection;
    }
  };
  return async (consumer, weight) => {
    const byApp = await consume(application, `${consumer.dept}/${consumer.app}`, weight, 'application');
    if (!byApp.ok) return byApp;
    return consume(department, consumer.dept, weight, 'department');
  };
}
