/**
 * The request id in the logs: the lines the gateway and the subgraphs write while handling a request
 * carry the `X-Request-Id` the consumer got (`reqId`), the gateway's line of an error it masked included
 * (written from Apollo Server's `formatError`, outside Fastify's request).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../subgraphs/shared/district.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let platform: TestPlatform;
const lines: Array<Record<string, unknown>> = [];
beforeAll(async () => {
  platform = await startTestPlatform({ logLines: lines });
});
afterAll(async () => {
  await platform?.close();
});

describe('request ids in the logs', () => {
  it('when a provider cannot answer, then the gateway’s error line and the lines of every service the request reached carry the X-Request-Id the consumer got', async () => {
    await platform.subgraphs.find((subgraph) => subgraph.name === 'public-security')!.app.close();
    const consumer = platform.client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS' });
    const answer = await consumer.query(`{ resident(citizenId: "${DEMO.resident}") { name } enterprise(creditCode: "${DEMO.enterprise}") { name } }`);
    expect(answer.requestId).toMatch(UUID);
    expect(answer.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['PROVIDER_UNAVAILABLE']);
    expect(answer.body.data?.['enterprise']).toEqual({ name: expect.any(String) });

    const ofRequest = lines.filter((line) => line['reqId'] === answer.requestId);
    // The masked error, logged in full (level 50: error) under the consumer's request id.
    expect(ofRequest).toContainEqual(
      expect.objectContaining({ level: 50, msg: 'request error', err: expect.objectContaining({ message: expect.any(String) }) }),
    );
    // The gateway's and market-regulation's own request lines: the id crossed to the subgraph in X-Request-Id.
    expect(ofRequest.filter((line) => line['msg'] === 'incoming request').length).toBe(2);
    // No error line of this run lacks a request id.
    expect(lines.filter((line) => Number(line['level']) >= 50 && line['reqId'] === undefined)).toEqual([]);
  });
});
