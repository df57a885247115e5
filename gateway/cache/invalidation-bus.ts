/**
 * Tells every gateway instance that grants changed (each drops its cached abilities on the next
 * request) or that a subgraph was published (each composes the supergraph again and swaps to it).
 * Over Redis pub/sub when `REDIS_URL` is set; in memory (this instance only) otherwise. Messages are
 * hints, never the truth: the receiver reloads from the store of record, and the store's grants and
 * supergraph versions are polled every second in case a message is lost (Redis away).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from './redis-connection.ts';

export type InvalidationTopic = 'grants-changed' | 'supergraph-changed';

export interface InvalidationBus {
  publishGrantsChanged(): Promise<void>;
  onGrantsChanged(handler: () => void): void;
  publishSupergraphChanged(): Promise<void>;
  onSupergraphChanged(handler: () => void): void;
  close(): Promise<void>;
}

export function createMemoryInvalidationBus(): InvalidationBus {
  return {
    publishGrantsChanged: async () => undefined,
    onGrantsChanged: () => undefined,
    publishSupergraphChanged: async () => undefined,
    onSupergraphChanged: () => undefined,
    close: async () => undefined,
  };
}

export function createRedisInvalidationBus(client: Redis, prefix: string, onError: (error: unknown) => void): InvalidationBus {
  const instance = randomUUID();
  const handlers: Record<InvalidationTopic, Array<() => void>> = { 'grants-changed': [], 'supergraph-changed': [] };
  const subscriber = client.duplicate();
  subscriber.on('error', onError);
  const subscribe = (topic: InvalidationTopic) =>
    subscriber.subscribe(`${prefix}${topic}`, (message) => {
      if (message !== instance) for (const handler of handlers[topic]) handler();
    });
  subscriber
    .connect()
    .then(() => Promise.all([subscribe('grants-changed'), subscribe('supergraph-changed')]))
    .catch(onError);
  const publish = async (topic: InvalidationTopic) => void (await client.publish(`${prefix}${topic}`, instance));
  return {
    publishGrantsChanged: () => publish('grants-changed'),
    onGrantsChanged: (handler) => void handlers['grants-changed'].push(handler),
    publishSupergraphChanged: () => publish('supergraph-changed'),
    onSupergraphChanged: (handler) => void handlers['supergraph-changed'].push(handler),
    close: async () => {
      try {
        await subscriber.close();
      } catch {
        subscriber.destroy();
      }
    },
  };
}
