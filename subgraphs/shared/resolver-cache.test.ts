import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { publicSecurity } from '../public-security/definition.ts';
import { createPopulationStore } from '../public-security/store.ts';
import { DEMO } from './district.ts';
import { setupSubgraph } from './test-harness.ts';

const QUERY = `{ resident(citizenId: "${DEMO.resident}") { name } }`;

describe.each([
  ['in memory', undefined],
  ['in Redis', 'redis://127.0.0.1:6379'],
])('resolver cache %s', (_label, redisUrl) => {
  it('when a query field is cached, then the store is not asked again; when the provider corrects the record, then the next answer has the correction', async () => {
    const store = createPopulationStore();
    // A fresh name per run, so a cache entry left in Redis by another run cannot answer for this one.
    const corrected = `王淑芬${randomBytes(2).toString('hex')}`;
    const subgraph = await setupSubgraph(publicSecurity, { store, ...(redisUrl ? { redisUrl } : {}) });
    await subgraph.app.ready();
    await subgraph.app.graphql.cache?.invalidate(`resident:${DEMO.resident}`);
    const first = await subgraph.post(QUERY);
    const second = await subgraph.post(QUERY);
    expect(second.body.data).toEqual(first.body.data);
    expect(subgraph.storeCalls('findResidents')).toHaveLength(1);

    store.correctResident(DEMO.resident, { name: corrected });
    await expect.poll(async () => (await subgraph.post(QUERY)).body.data?.resident?.name, { timeout: 2_000 }).toBe(corrected);
    store.correctResident(DEMO.resident, { name: '王淑芬' });
  });
});
