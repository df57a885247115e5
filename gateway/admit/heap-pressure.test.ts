/**
 * Shedding starts when what is live on the heap passes the bound and ends when it falls back below it,
 * on a gateway that receives nothing meanwhile: nothing but the shedding itself prompts the collection
 * that finds the heap free again. The bound is placed 128 MiB above what this process holds live.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { getHeapStatistics } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { registerHeapPressure, requestFullCollection } from './heap-pressure.ts';

const MIB = 1024 * 1024;

/** A fastify app with only the GraphQL route and the shedding hook, its bound `aboveLive` bytes above the live heap now. */
async function sheddingApp(aboveLive: number): Promise<FastifyInstance> {
  await requestFullCollection();
  const { used_heap_size: live, heap_size_limit: limit } = getHeapStatistics();
  const app = Fastify();
  await registerHeapPressure(app, ((live + aboveLive) / limit) * 100);
  app.post('/graphql', async () => ({ data: { __typename: 'Query' } }));
  return app;
}

const status = async (app: FastifyInstance) => (await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ __typename }' } })).statusCode;

describe('shedding under heap pressure', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => app?.close());

  it('when the live heap passes the bound, then GraphQL requests are shed; when it falls back with no request arriving, then they are served again', async () => {
    app = await sheddingApp(128 * MIB);
    expect(await status(app)).toBe(200);
    // About 256 MiB of numbers, held live.
    const ballast = new Array<number>(32 * MIB).fill(0.5);
    await requestFullCollection();
    await expect.poll(() => status(app!), { timeout: 5_000, interval: 250 }).toBe(503);
    expect(ballast.length).toBe(32 * MIB);
    // Emptied: its numbers become garbage.
    ballast.length = 0;
    // Nothing is asked of the gateway until the check has asked for a collection and read its result.
    await expect.poll(() => app!.isUnderPressure(), { timeout: 6_000, interval: 250 }).toBe(false);
    expect(await status(app)).toBe(200);
  }, 30_000);
});
