/**
 * A seventh department joins without a code change, on embedded PGlite and on the machine's real
 * PostgreSQL: the operator registers 区卫生健康局, its tokens are accepted from then on, its sharing
 * administrator publishes its first subgraph (a Fastify + Mercurius subgraph started here, verifying
 * the gateway's signed calls like every department's), and a consumer queries it through the gateway
 * on the next request; its items enter the catalog for the operator's review.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { addCalendarDays } from '../policies/governance/china-date.ts';
import type { DepartmentCode } from '../platform/departments.ts';
import { createSubgraphServer } from '../subgraphs/shared/create-subgraph-server.ts';
import type { DepartmentDefinition } from '../subgraphs/shared/department.ts';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { startStoreBackedPlatform, stopStoreBackedPlatform, type TestPlatform } from './support/test-platform.ts';

const HEALTH_SDL = `
type Query {
  "出生医学证明 (birth certificate) by its number"
  birthCertificate(no: String!): BirthCertificate @share(type: UNCONDITIONAL)
  "死亡医学证明 (death certificate) by its number"
  deathCertificate(no: String!): DeathCertificate @share(type: UNCONDITIONAL)
}

"出生医学证明"
type BirthCertificate @share(type: UNCONDITIONAL, resource: DEPARTMENTAL, updateCycle: DAILY) {
  "证明编号"
  no: String!
  "出生日期"
  bornOn: Date
  "出生地点（医疗机构）"
  birthplace: String
}

"死亡医学证明"
type DeathCertificate @share(type: UNCONDITIONAL, resource: DEPARTMENTAL, updateCycle: DAILY) {
  "证明编号"
  no: String!
  "死亡日期"
  diedOn: Date
}
`;

/** The health bureau's own subgraph: what a department outside this repository would run. */
const health: DepartmentDefinition<Record<string, never>, Record<string, never>> = {
  name: 'health' as DepartmentCode,
  typeDefs: HEALTH_SDL,
  createBackend: () => ({}),
  createLoaders: () => ({}),
  resolvers: {
    Query: {
      birthCertificate: (_root: unknown, args: { no: string }) =>
        args.no === 'B3703062026000017' ? { no: args.no, bornOn: '2026-03-08', birthplace: '周村区人民医院' } : null,
      deathCertificate: (_root: unknown, args: { no: string }) => (args.no === 'D3703062026000042' ? { no: args.no, diedOn: '2026-05-01' } : null),
    },
  },
  cachePolicy: {},
};

describe.each(STORE_BACKENDS)('a new department on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  let subgraph: FastifyInstance;
  beforeAll(async () => {
    ({ platform, database } = await startStoreBackedPlatform(createDatabase));
    subgraph = await createSubgraphServer(health, { gatewayKeys: platform.gatewaySigning.publicKey });
  });
  afterAll(async () => {
    await subgraph?.close();
    await stopStoreBackedPlatform(platform, database);
  });

  it('art-20: when the operator registers a department and its administrator publishes its subgraph, then consumers query it through the gateway and its items are catalogued', async () => {
    const healthAdmin = () => platform.client({ dept: 'health', app: 'health-admin', roles: ['consumer', 'provider-admin'] });
    const operator = platform.client({ dept: 'info-center', app: 'info-center-admin', roles: ['platform-admin'] });
    const reader = platform.client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS' });
    expect((await healthAdmin().query('{ departments { code } }')).body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');

    const registered = await operator.query(
      'mutation { registerDepartment(code: "health", name: "区卫生健康局", orgCode: "11370306004330008X", administrators: ["health-admin"], reason: "出生和死亡医学证明信息纳入共享") { code name administrators } }',
    );
    expect(registered.body.data?.['registerDepartment']).toEqual({ code: 'health', name: '区卫生健康局', administrators: ['health-admin'] });

    const url = `${await subgraph.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
    const published = await healthAdmin().query(
      'mutation($sdl: String!, $url: String!) { publishSubgraph(name: "health", sdl: $sdl, url: $url) { version published checks { check passed lines } } }',
      { sdl: HEALTH_SDL, url },
    );
    expect(published.body.errors).toBeUndefined();
    expect(published.body.data?.['publishSubgraph']).toMatchObject({ version: 1, published: true });

    const answer = await reader.query(
      '{ birthCertificate(no: "B3703062026000017") { no bornOn birthplace } deathCertificate(no: "D3703062026000042") { diedOn } }',
    );
    expect(answer.body).toEqual({
      data: {
        birthCertificate: { no: 'B3703062026000017', bornOn: '2026-03-08', birthplace: '周村区人民医院' },
        deathCertificate: { diedOn: '2026-05-01' },
      },
    });
    const catalog = await reader.query('{ catalog(provider: "health") { coordinate shareType reviewStatus abstract } }');
    expect(catalog.body.data?.['catalog']).toContainEqual({
      coordinate: 'BirthCertificate.bornOn',
      shareType: 'UNCONDITIONAL',
      reviewStatus: 'PENDING_REVIEW',
      abstract: '出生日期',
    });
  });

  it('art-8: when a new item waits for review longer than 15 working days, then the catalog flags its entry as lagging', async () => {
    onTestFinished(() => platform.governanceClock.reset());
    const operator = platform.client({ dept: 'info-center', app: 'info-center-admin', roles: ['platform-admin'] });
    const item = async () => {
      const { body } = await operator.query('{ catalog(provider: "health") { coordinate reviewDueDate reviewOverdue } }');
      return (body.data?.['catalog'] as Array<{ coordinate: string; reviewDueDate: string; reviewOverdue: boolean }>).find(
        (i) => i.coordinate === 'BirthCertificate.bornOn',
      )!;
    };
    const pending = await item();
    // The day is counted by policies/governance/catalog-review-due.ts (its own test has fixed dates).
    expect(pending.reviewDueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(pending.reviewOverdue).toBe(false);
    platform.governanceClock.set(`${addCalendarDays(pending.reviewDueDate, 1)}T09:00:00+08:00`);
    expect((await item()).reviewOverdue).toBe(true);
    const reviewed = await operator.query(
      'mutation { reviewCatalogItem(coordinate: "BirthCertificate.bornOn", override: { abstract: "出生日期（医学出生证明）" }, reason: "目录审核") { coordinate } }',
    );
    expect(reviewed.body.errors).toBeUndefined();
    expect(await item()).toMatchObject({ reviewDueDate: null, reviewOverdue: false });
  });
});
