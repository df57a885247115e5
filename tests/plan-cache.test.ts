/**
 * @apollo/gateway caches query plans by query hash and operation name. Two consumers with different
 * rights sending the same query text must each get a plan for their own pruned operation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../subgraphs/shared/district.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

const QUERY = `query Means { resident(citizenId: "${DEMO.resident}") { name monthlyPension } }`;

describe('plan cache', () => {
  it.each([
    ['the granted consumer first', ['civil-affairs', 'approval']],
    ['the denied consumer first', ['approval', 'civil-affairs']],
  ])('when two consumers alternate on the same query text (%s), then each gets its own answer and its own subgraph fetches', async (_label, order) => {
    const query = `${QUERY} # ${order.join(',')}`;
    for (let round = 0; round < 3; round++) {
      for (const dept of order) {
        platform.subgraphCalls.length = 0;
        const { body } = await platform.client({ dept: dept!, purpose: 'ADMINISTRATIVE_BASIS' }).query(query);
        const resident = (body.data?.['resident'] ?? {}) as Record<string, unknown>;
        const hrCalls = platform.subgraphCalls.filter((call) => call.subgraph === 'human-resources');
        if (dept === 'civil-affairs') {
          expect(resident['monthlyPension']).toEqual(expect.any(Number));
          expect(body.errors).toBeUndefined();
          expect(hrCalls.map((call) => call.query).join()).toContain('monthlyPension');
        } else {
          expect(resident).toEqual({ name: '王淑芬', monthlyPension: null });
          expect(body.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN_FIELD']);
          // The denied consumer's plan never asks the provider for the denied item.
          expect(hrCalls).toEqual([]);
        }
      }
    }
  });

  it('when a grant is replaced, then the next request uses a new ability and a new plan', async () => {
    const client = platform.client({ dept: 'approval', purpose: 'DATA_VERIFICATION' });
    const before = await client.query(QUERY);
    expect((before.body.data?.['resident'] as Record<string, unknown>)['monthlyPension']).toBeNull();
    const now = Date.now();
    platform.grants.replace([
      {
        id: 'tmp',
        kind: 'REQUEST',
        dept: 'approval',
        field: 'Resident.monthlyPension',
        purpose: 'DATA_VERIFICATION',
        validFrom: new Date(now - 1000).toISOString(),
        validUntil: new Date(now + 60_000).toISOString(),
      },
    ]);
    const after = await client.query(QUERY);
    expect((after.body.data?.['resident'] as Record<string, unknown>)['monthlyPension']).toEqual(expect.any(Number));
    platform.grants.replace([]);
    const revoked = await client.query(QUERY);
    expect((revoked.body.data?.['resident'] as Record<string, unknown>)['monthlyPension']).toBeNull();
  });
});
