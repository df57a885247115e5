/**
 * The entity budget (art. 19, and art. 15's use within one's duties): how many entities (residents,
 * enterprises, …) one application may have served per minute, counted across all gateway instances in
 * Redis (rate-limiter-flexible, as the request rate limits). An operation consumes one entity per key it
 * names, literal or variable, and one per root field that names no key; aliases and batches consume
 * each of theirs, so 30 aliased `residents(citizenIds: …)` cost what they serve, not one request.
 */
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Consumer } from '../../policies/types.ts';
import type { Redis } from '../cache/redis-connection.ts';
import { limiter } from './rate-limit.ts';

export type EntityVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export type ConsumeEntities = (consumer: Consumer, entities: number) => Promise<EntityVerdict>;

export function createEntityBudget(perAppPerMinute: number, redis: Redis | undefined, prefix: string): ConsumeEntities {
  const budget = limiter(perAppPerMinute, `${prefix}eb:app`, redis);
  return async (consumer, entities) => {
    try {
      await budget.consume(`${consumer.dept}/${consumer.app}`, entities);
      return { ok: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      throw rejection;
    }
  };
}
