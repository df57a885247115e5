/**
 * Tells every gateway instance that grants changed, so each drops its cached abilities on the next
 * request. Over Redis pub/sub when `REDIS_URL` is set; in memory (this instance only) otherwise.
 * Messages are hints, never the truth: the receiver reloads grants from the store of record, and
 * the store's grants version is polled every second in case a message is lost (Redis away).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from './redis-connection.ts';

export interface InvalidationBus {
  publishGrantsChanged(): Promise<void>;
  onGrantsChanged(handler: () => void): void;
  close(): Promise<void>;
}

export function createMemoryInvalidationBus(): InvalidationBus {
  return { publishGrantsChanged: async () => undefined, onGrantsChanged: () => undefined, close: async () => undefined };
}

export function createRedisInvalidationBus(client: Redis, prefix: string, onError: (error: unknown) => void): InvalidationBus {
  const channel = `${prefix}grants-changed`;
  const instance = randomUUID();
  const handlers: Array<() => void> = [];
  const subscriber = client.duplicate();
  subscriber.on('error', onError);
  subscriber
    .connect()
    .then(() =>
      subscriber.subscribe(channel, (message) => {
        if (message !== instance) for (const handler of handlers) handler();
      }),
    )
    .catch(onError);
  return {
    publishGrantsChanged: async () => {
      await client.publish(channel, instance);
    },
    onGrantsChanged: (handler) => void handlers.push(handler),
    close: async () => {
      try {
        await subscriber.close();
      } catch {
        subscriber.destroy();
      }
    },
  };
}
