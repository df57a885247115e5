/**
 * The gateway's Redis connection (node-redis). Redis is an accelerator here, never a dependency for
 * correctness: commands fail at once while it is away (no offline queue), the client keeps
 * reconnecting in the background, and every user of it has a fallback.
 */
import { createClient, type RedisClientType } from 'redis';

export type Redis = RedisClientType;

export function connectRedis(url: string, onError: (error: unknown) => void): Redis {
  const client: Redis = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 1_000, reconnectStrategy: (retries: number) => Math.min(100 * (retries + 1), 1_000) },
  });
  client.on('error', onError);
  client.connect().catch(onError);
  return client;
}

export async function closeRedis(client: Redis | undefined): Promise<void> {
  if (!client) return;
  try {
    await client.close();
  } catch {
    client.destroy();
  }
}
