/**
 * Freshness end to end (周政发〔2018〕6号 art. 14: providers keep shared data current per the declared
 * update cycle), on embedded PGlite and on the machine's real PostgreSQL: the platform reads each
 * running subgraph's data-as-of dates over HTTP, keeps the last reading, and the catalog measures it
 * against the declared cycle. A provider that stops answering is UNKNOWN, never fresh. The history of
 * each resource's status gets a row per change only.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, chinaDate } from '../policies/governance/china-date.ts';
import { LIBRARY_CALENDAR } from '../policies/governance/working-calendar.ts';
import { seedSubgraphs } from '../platform/store/subgraph-rows.ts';
import { freshnessOf, loadFreshnessReadings, readFreshness } from '../subgraphs/info-center/freshness.ts';
import { recordFreshnessIntervals } from '../subgraphs/info-center/freshness-history.ts';
import type { GovernanceServices } from '../subgraphs/info-center/governance-services.ts';
import { DEFAULT_REGULATION_PROFILE, requireShippedProfile } from '../policies/regulation-profiles.ts';
import { seedStore } from '../subgraphs/info-center/seed.ts';
import { openMigratedStore, STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { startStoreBackedPlatform, stopStoreBackedPlatform, type TestPlatform } from './support/test-platform.ts';

interface Item {
  coordinate: string;
  updateCycle: string;
  dataAsOf: string | null;
  freshness: { status: string; dueOn: string | null; daysLate: number | null; reason: string | null };
}

const CATALOG = '{ catalog { coordinate updateCycle dataAsOf freshness { status dueOn daysLate reason } } }';
const STALE =
  'query($provider: String) { staleResources(provider: $provider) { provider resource updateCycle dataAsOf freshness { status daysLate reason } } }';

describe.each(STORE_BACKENDS)('freshness on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  beforeAll(async () => {
    ({ platform, database } = await startStoreBackedPlatform(createDatabase));
    await readFreshness(platform.store.db, () => new Date());
  });
  afterAll(() => stopStoreBackedPlatform(platform, database));

  const operator = () => platform.client({ dept: 'info-center', app: 'info-center-admin', roles: ['platform-admin'] });
  /** What the gateway records after each reading round, with the platform's store and supergraph. */
  const recordHistory = () =>
    recordFreshnessIntervals(
      {
        db: platform.store.db,
        catalog: () => platform.gateway.catalog,
        departments: [],
        grantMaxValidityDays: 365,
        profile: requireShippedProfile(DEFAULT_REGULATION_PROFILE),
        now: () => new Date(),
        grantsChanged: async () => undefined,
        supergraphSdl: () => platform.supergraphSdl,
        localSubgraphs: [],
        supergraphChanged: async () => undefined,
      } satisfies GovernanceServices,
      3_600_000,
    );
  const history = (provider: string, resource: string) =>
    platform.store.db
      .selectFrom('resource_freshness_intervals')
      .select(['status', 'to_at'])
      .where('provider', '=', provider)
      .where('resource', '=', resource)
      .orderBy('from_at')
      .execute();
  async function catalog(): Promise<Map<string, Item>> {
    const { body } = await operator().query(CATALOG);
    expect(body.errors).toBeUndefined();
    return new Map((body.data?.['catalog'] as Item[]).map((item) => [item.coordinate, item]));
  }

  it('art-14: the catalog shows each resource with its declared update cycle, its data-as-of and FRESH when within the cycle', async () => {
    const items = await catalog();
    expect(items.get('Resident.name')).toEqual({
      coordinate: 'Resident.name',
      updateCycle: 'DAILY',
      dataAsOf: today(),
      freshness: { status: 'FRESH', dueOn: addCalendarDays(today(), 1), daysLate: null, reason: null },
    });
    expect(items.get('RealEstateRight.certificateNo')).toMatchObject({ updateCycle: 'WEEKLY', freshness: { status: 'FRESH' } });
    const socialInsurance = [...items.values()].filter((item) => item.coordinate.startsWith('SocialInsurance.'));
    expect(socialInsurance.length).toBeGreaterThan(0);
    for (const item of socialInsurance) expect(item).toMatchObject({ updateCycle: 'MONTHLY', freshness: { status: 'FRESH' } });
  });

  it('art-14: a resource behind its declared cycle shows STALE with how many days late, in the catalog and in staleResources', async () => {
    const items = await catalog();
    expect(items.get('Enterprise.name')).toEqual({
      coordinate: 'Enterprise.name',
      updateCycle: 'DAILY',
      dataAsOf: addCalendarDays(today(), -9),
      freshness: { status: 'STALE', dueOn: addCalendarDays(today(), -8), daysLate: 8, reason: null },
    });
    const { body } = await operator().query(STALE, { provider: 'market-regulation' });
    expect(body.errors).toBeUndefined();
    expect(body.data?.['staleResources']).toEqual([
      {
        provider: 'market-regulation',
        resource: 'Enterprise',
        updateCycle: 'DAILY',
        dataAsOf: addCalendarDays(today(), -9),
        freshness: { status: 'STALE', daysLate: 8, reason: null },
      },
    ]);
    const all = await operator().query(STALE, {});
    const stale = (all.body.data?.['staleResources'] as Array<{ provider: string; resource: string; freshness: { status: string } }>).map(
      (resource) => `${resource.provider} ${resource.resource} ${resource.freshness.status}`,
    );
    // Every resource is measured; only the two stale on purpose in the demo are listed.
    expect(stale.sort()).toEqual(['civil-affairs SubsistenceAllowance STALE', 'market-regulation Enterprise STALE']);
    const fresh = await operator().query(STALE, { provider: 'public-security' });
    expect(fresh.body.data?.['staleResources']).toEqual([]);
  });

  it('when staleResources is asked with a hostile provider argument, then it is refused with a stable code', async () => {
    for (const provider of ['x'.repeat(100_000), 'market-regulation\u0000', 'market\u202eregulation']) {
      const { body } = await operator().query(STALE, { provider });
      expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
  });

  it('art-14: the history opens one interval per resource and writes nothing more while the status holds', async () => {
    await recordHistory();
    await recordHistory();
    expect(await history('market-regulation', 'Enterprise')).toEqual([{ status: 'STALE', to_at: null }]);
    expect(await history('natural-resources', 'RealEstateRight')).toEqual([{ status: 'FRESH', to_at: null }]);
  });

  it('art-14: when a subgraph stops answering, then its resources show UNKNOWN, never FRESH', async () => {
    const naturalResources = platform.subgraphs.find((subgraph) => subgraph.name === 'natural-resources')!;
    await naturalResources.app.close();
    await readFreshness(platform.store.db, () => new Date());
    const item = (await catalog()).get('RealEstateRight.certificateNo');
    expect(item).toMatchObject({ updateCycle: 'WEEKLY', dataAsOf: null, freshness: { status: 'UNKNOWN', dueOn: null, daysLate: null } });
    const { body } = await operator().query(STALE, { provider: 'natural-resources' });
    expect(body.data?.['staleResources']).toEqual([
      expect.objectContaining({ resource: 'RealEstateRight', freshness: expect.objectContaining({ status: 'UNKNOWN' }) }),
    ]);
    // in the history: the FRESH interval ends, an UNKNOWN one begins; the unchanged resources get no row
    await recordHistory();
    const realEstate = await history('natural-resources', 'RealEstateRight');
    expect(realEstate.map((row) => [row.status, row.to_at === null])).toEqual([
      ['FRESH', false],
      ['UNKNOWN', true],
    ]);
    expect(await history('market-regulation', 'Enterprise')).toEqual([{ status: 'STALE', to_at: null }]);
  });
});

/** A stand-in provider answering `GET /healthz` with whatever the test gives it. */
async function hostileProvider(answer: (respond: (body: string | Buffer) => void) => void): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    answer((body) => response.end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

describe.each(STORE_BACKENDS)('freshness readings from hostile providers on %s', (_backend, createDatabase) => {
  it('art-14: a huge, malformed or implausible freshness answer is bounded and recorded as UNKNOWN, never FRESH', async () => {
    const opened = await openMigratedStore(createDatabase);
    const servers: Server[] = [];
    try {
      const db = opened.store.db;
      await seedStore(db);
      const huge = await hostileProvider((respond) => respond(Buffer.alloc(10 * 1024 * 1024, 'a')));
      const farFuture = await hostileProvider((respond) =>
        respond(
          JSON.stringify({
            freshness: [
              { resource: 'SocialInsurance', dataAsOf: '99999-01-01' },
              { resource: 'Pension', dataAsOf: '9999-12-31' },
              { resource: 'Payroll', dataAsOf: '2026-01-01\u0007' },
            ],
          }),
        ),
      );
      const controlChars = await hostileProvider((respond) =>
        respond(JSON.stringify({ freshness: [{ resource: 'Licence\u0000\u001b[31m', dataAsOf: today() }] })),
      );
      servers.push(huge.server, farFuture.server, controlChars.server);
      await seedSubgraphs(db, [
        { name: 'civil-affairs', url: huge.url, typeDefs: 'type Query { a: String }' },
        { name: 'human-resources', url: farFuture.url, typeDefs: 'type Query { a: String }' },
        { name: 'approval', url: controlChars.url, typeDefs: 'type Query { a: String }' },
      ]);
      // Earlier good readings: a bad answer must not leave them standing as fresh.
      await db
        .insertInto('resource_freshness_readings')
        .values([
          { provider: 'civil-affairs', resource: 'SubsistenceAllowance', data_as_of: today(), outcome: 'READ', read_at: new Date() },
          { provider: 'approval', resource: 'BusinessLicence', data_as_of: today(), outcome: 'READ', read_at: new Date() },
        ])
        .execute();

      await readFreshness(db, () => new Date());

      const rows = await db.selectFrom('resource_freshness_readings').selectAll().orderBy('provider').orderBy('resource').execute();
      expect(rows.map(({ provider, resource, data_as_of, outcome }) => ({ provider, resource, data_as_of, outcome }))).toEqual([
        { provider: 'approval', resource: 'BusinessLicence', data_as_of: null, outcome: 'MALFORMED' },
        { provider: 'civil-affairs', resource: 'SubsistenceAllowance', data_as_of: null, outcome: 'MALFORMED' },
        { provider: 'human-resources', resource: 'Payroll', data_as_of: null, outcome: 'READ' },
        { provider: 'human-resources', resource: 'Pension', data_as_of: '9999-12-31', outcome: 'READ' },
        { provider: 'human-resources', resource: 'SocialInsurance', data_as_of: null, outcome: 'READ' },
      ]);
      const readings = await loadFreshnessReadings(db);
      for (const row of rows) {
        expect(freshnessOf(readings, row.provider, row.resource, 'YEARLY', new Date(), LIBRARY_CALENDAR).status, `${row.provider} ${row.resource}`).toBe(
          'UNKNOWN',
        );
      }
    } finally {
      for (const server of servers) server.closeAllConnections();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
      await opened.close();
    }
  });
});

function today(): string {
  return chinaDate(new Date());
}
