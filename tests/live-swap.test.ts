/**
 * Live swap: two gateway processes on one PostgreSQL and one Redis serve continuous load while three
 * versions of a subgraph are published and one is rolled back. No request fails, every answer comes
 * from one supergraph version (never a mix), and both instances serve each new version within the
 * stated bound of 2 s. PostgreSQL only: two processes cannot share one embedded PGlite store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyPair } from '../platform/keys.ts';
import { issueToken } from '../scripts/issue-token.ts';
import { civilAffairs } from '../subgraphs/civil-affairs/definition.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { createPostgresDatabase, type TestDatabase } from './support/databases.ts';
import { startGatewayPair, type GatewayPair } from './support/gateway-process.ts';

const MARKERS = `{ status: __type(name: "MaritalStatus") { description } registration: __type(name: "MarriageRegistration") { description } }`;
const DATA = `{ resident(citizenId: "${DEMO.resident}") { name } }`;
/** Both descriptions carry the same mark in one version; the seed version carries neither. */
const withMark = (mark: string) =>
  civilAffairs.typeDefs
    .replace('"婚姻状况"\nenum MaritalStatus', `"婚姻状况 ${mark}"\nenum MaritalStatus`)
    .replace('"婚姻登记记录 (one registration); gated by Resident.marriageRegistrations."', `"婚姻登记记录 ${mark}"`);

let database: TestDatabase;
let pair: GatewayPair;
let issuer: KeyPair;
let gateways: GatewayPair['gateways'];

beforeAll(async () => {
  database = await createPostgresDatabase();
  // The load is as fast as the machine allows; the rate limits are tested in rate-limit tests, not here.
  const unlimited = { RATE_LIMIT_APP_PER_MINUTE: '1000000', RATE_LIMIT_DEPT_PER_MINUTE: '1000000' };
  pair = await startGatewayPair({ databaseUrl: database.databaseUrl!, redisUrl: 'redis://127.0.0.1:6379', env: unlimited });
  ({ issuer, gateways } = pair);
}, 120_000);

afterAll(async () => {
  await pair?.stop();
  await database?.drop();
}, 60_000);

async function post(url: string, token: string, query: string, variables?: Record<string, unknown>, purpose?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(purpose ? { 'x-share-purpose': purpose } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, { description?: string | null } | null>; errors?: unknown[] } };
}

/** The version mark an answer carries, or a description of how it is inconsistent. */
function markOf(body: { data?: Record<string, { description?: string | null } | null> }): string {
  if (!body.data) return `no data ${JSON.stringify(body)}`;
  const status = body.data?.['status']?.description ?? '';
  const registration = body.data?.['registration']?.description ?? '';
  const marks = [status.match(/版本\d+$/)?.[0] ?? 'seed', registration.match(/版本\d+$/)?.[0] ?? 'seed'];
  return marks[0] === marks[1] ? marks[0]! : `mixed ${marks.join('/')}`;
}

describe('live swap', () => {
  it('when three versions are published and one rolled back under load, then no request fails, no answer mixes versions, and both instances follow within 2 s', async () => {
    const reader = await issueToken(issuer.privateKey, { dept: 'approval', app: 'approval-load' });
    const admin = await issueToken(issuer.privateKey, { dept: 'civil-affairs', roles: ['consumer', 'provider-admin'], app: 'civil-affairs-admin' });
    const failures: string[] = [];
    const seen = new Set<string>();
    let requests = 0;
    let loading = true;
    const worker = async (index: number) => {
      for (let round = 0; loading && round < 20_000; round += 1) {
        const gateway = gateways[(index + round) % 2]!;
        const data = round % 2 === 0;
        const { status, body } = data ? await post(gateway.url, reader, DATA, undefined, 'DATA_VERIFICATION') : await post(gateway.url, reader, MARKERS);
        requests += 1;
        if (status !== 200 || body.errors) failures.push(`${status} ${JSON.stringify(body.errors)}`);
        else if (!data) seen.add(markOf(body));
      }
    };
    const load = Promise.all([0, 1].map(worker));
    const servedEverywhere = async (mark: string) => {
      const publishedAt = Date.now();
      for (const gateway of gateways) {
        await expect.poll(async () => markOf((await post(gateway.url, reader, MARKERS)).body), { timeout: 2_000, interval: 50 }).toBe(mark);
      }
      expect(Date.now() - publishedAt).toBeLessThan(2_000);
    };
    const versions: number[] = [];
    try {
      for (const [index, mark] of ['版本2', '版本3', '版本4'].entries()) {
        const { body } = await post(
          gateways[index % 2]!.url,
          admin,
          'mutation($sdl: String!) { publishSubgraph(name: "civil-affairs", sdl: $sdl) { version published } }',
          {
            sdl: withMark(mark),
          },
        );
        const published = body.data?.['publishSubgraph'] as unknown as { version: number; published: boolean } | undefined;
        expect(published?.published, JSON.stringify(body)).toBe(true);
        versions.push(published!.version);
        await servedEverywhere(mark);
      }
      const rollback = await post(
        gateways[1]!.url,
        admin,
        `mutation { rollbackSubgraph(name: "civil-affairs", version: ${versions[0]}, reason: "回退到版本2") { published } }`,
      );
      expect(rollback.body.data?.['rollbackSubgraph']).toEqual({ published: true });
      await servedEverywhere('版本2');
    } finally {
      loading = false;
      await load;
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(100);
    expect([...seen].filter((mark) => mark.startsWith('mixed'))).toEqual([]);
    expect([...seen].sort()).toEqual(['seed', '版本2', '版本3', '版本4']);
  }, 240_000);
});
