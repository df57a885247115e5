/**
 * Two gateway processes on one PostgreSQL and one Redis, in front of the same subgraphs: a decision
 * taken through one is in force through the other on the next request; revocations hold when Redis
 * is away (within the stated bound of 1 s); rate limits count both instances together; a consumer's
 * answer in the shared resolver cache never reaches a consumer without its rights.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { closeRedis, connectRedis } from '../gateway/cache/redis-connection.ts';
import type { KeyPair } from '../platform/keys.ts';
import type { Role } from '../policies/types.ts';
import { issueToken } from '../scripts/issue-token.ts';
import { DEMO, district, RESIDENT_COUNT } from '../subgraphs/shared/district.ts';
import { createPostgresDatabase, type TestDatabase } from './support/databases.ts';
import { startGatewayPair, type GatewayPair } from './support/gateway-process.ts';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.ts';

const PENSION_QUERY = `{ resident(citizenId: "${DEMO.resident}") { monthlyPension } }`;

let database: TestDatabase;
let redisProxy: TcpProxy;
let pair: GatewayPair;
let issuer: KeyPair;
let gateways: GatewayPair['gateways'];

beforeAll(async () => {
  database = await createPostgresDatabase();
  redisProxy = await startTcpProxy({ host: '127.0.0.1', port: 6379 });
  pair = await startGatewayPair({
    databaseUrl: database.databaseUrl!,
    redisUrl: `redis://127.0.0.1:${redisProxy.port}`,
    env: { RATE_LIMIT_APP_PER_MINUTE: '30' },
  });
  ({ issuer, gateways } = pair);
}, 120_000);

afterAll(async () => {
  await pair?.stop();
  await redisProxy?.close();
  await database?.drop();
});

async function query(
  gateway: { url: string },
  who: { dept: string; app: string; roles?: Role[]; purpose?: string },
  text: string,
  variables?: Record<string, unknown>,
) {
  const token = await issueToken(issuer.privateKey, { dept: who.dept, app: who.app, roles: who.roles ?? ['consumer'] });
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(who.purpose ? { 'x-share-purpose': who.purpose } : {}) },
    body: JSON.stringify({ query: text, variables }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as { data?: Record<string, unknown>; errors?: Array<{ extensions?: { code?: string } }> },
  };
}

const pension = (body: { data?: Record<string, unknown> }) => (body.data?.['resident'] as { monthlyPension: unknown } | undefined)?.monthlyPension;

/** `approval` applies for an item and its provider's administrator approves; returns the grant's id. */
async function approveThrough(gateway: { url: string }, purpose: string, field = 'Resident.monthlyPension', provider = 'human-resources'): Promise<string> {
  const applied = await query(
    gateway,
    { dept: 'approval', app: 'approval-app' },
    `mutation { requestAccess(input: { fields: ["${field}"], purpose: ${purpose}, justification: "核验" }) { id } }`,
  );
  const id = (applied.body.data?.['requestAccess'] as { id: string }).id;
  const decided = await query(
    gateway,
    { dept: provider, app: `${provider}-admin`, roles: ['provider-admin'] },
    'mutation($id: ID!) { decideAccessRequest(id: $id, approve: true) { grants { id } } }',
    { id },
  );
  return (decided.body.data?.['decideAccessRequest'] as { grants: Array<{ id: string }> }).grants[0]!.id;
}

async function revokeThrough(gateway: { url: string }, grantId: string, provider = 'human-resources') {
  const revoked = await query(
    gateway,
    { dept: provider, app: `${provider}-admin`, roles: ['provider-admin'] },
    'mutation($id: ID!) { revokeGrant(id: $id, reason: "办结") { live } }',
    { id: grantId },
  );
  expect(revoked.body.data?.['revokeGrant']).toEqual({ live: false });
}

describe('two gateway instances', () => {
  it('when a grant is approved through A, then B serves the value on the next request; when revoked through A, B stops within 1 s', async () => {
    const [a, b] = gateways as unknown as [{ url: string }, { url: string }];
    const reader = { dept: 'approval', app: 'reader-1', purpose: 'DATA_VERIFICATION' };
    expect(pension((await query(b, reader, PENSION_QUERY)).body)).toBeNull();
    const grantId = await approveThrough(a, 'DATA_VERIFICATION');
    expect(pension((await query(b, reader, PENSION_QUERY)).body)).toEqual(expect.any(Number));
    await revokeThrough(a, grantId);
    const revokedAt = Date.now();
    await expect.poll(async () => pension((await query(b, reader, PENSION_QUERY)).body), { timeout: 1_000, interval: 50 }).toBeNull();
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
  });

  it('when one application sends more than its limit across both instances, then it gets 429 RATE_LIMITED with Retry-After', async () => {
    const [a, b] = gateways as unknown as [{ url: string }, { url: string }];
    const caller = { dept: 'civil-affairs', app: `limited-${randomBytes(3).toString('hex')}`, purpose: 'WORK_REFERENCE' };
    const nameQuery = `{ resident(citizenId: "${DEMO.resident}") { name } }`;
    for (let i = 0; i < 30; i++) expect((await query(i % 2 ? a : b, caller, nameQuery)).status).toBe(200);
    const limited = await query(a, caller, nameQuery);
    expect(limited.status).toBe(429);
    expect(limited.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60);
    const other = await query(b, { ...caller, app: 'another-app' }, nameQuery);
    expect(other.status).toBe(200);
  });

  it("when one consumer's answer sits in the shared resolver cache, then it is served again to that consumer through either instance, and never to a consumer without its rights", async () => {
    const [a, b] = gateways as unknown as [{ url: string }, { url: string }];
    // A resident of this run's own choosing: its cache entries are this test's alone on the shared Redis.
    const { citizenId } = district().residents[randomInt(1, RESIDENT_COUNT)]!;
    const addressQuery = `{ resident(citizenId: "${citizenId}") { name householdAddress } }`;
    // Not as work reference: public-security delivers addresses masked for that purpose.
    const holder = { dept: 'approval', app: 'reader-3', purpose: 'ADMINISTRATIVE_BASIS' };
    const grantId = await approveThrough(a, 'ADMINISTRATIVE_BASIS', 'Resident.householdAddress', 'public-security');
    const redis = connectRedis('redis://127.0.0.1:6379', () => undefined);
    onTestFinished(async () => {
      for await (const keys of redis.scanIterator({ MATCH: `zhoucun:cache:public-security:*${citizenId}*` })) if (keys.length > 0) await redis.del(keys);
      await closeRedis(redis);
      await revokeThrough(a, grantId, 'public-security');
    });

    const first = await query(a, holder, addressQuery);
    const { name, householdAddress } = first.body.data?.['resident'] as { name: string; householdAddress: string };
    expect(householdAddress).toEqual(expect.any(String));
    // The subgraph cached the answer it gave for the holder's request, conditional address included:
    // every entry about this resident is the holder's. Each is marked, so that any answer taken from it shows it.
    const holderEntries: string[] = [];
    for await (const found of redis.scanIterator({ MATCH: `zhoucun:cache:public-security:Query.resident~*${citizenId}*` })) holderEntries.push(...found);
    expect(holderEntries.length).toBeGreaterThan(0);
    const marker = `cached-${randomBytes(4).toString('hex')}`;
    for (const key of holderEntries) {
      const cached = JSON.parse((await redis.get(key))!) as Record<string, unknown>;
      expect(cached).toMatchObject({ name, householdAddress });
      await redis.set(key, JSON.stringify({ ...cached, name: marker, householdAddress: marker }), { KEEPTTL: true });
    }
    const again = await query(b, holder, addressQuery);
    expect(again.body.data?.['resident']).toEqual({ name: marker, householdAddress: marker });

    const others = [
      { dept: 'natural-resources', app: 'nr-app', purpose: 'WORK_REFERENCE' },
      { dept: 'approval', app: 'reader-3', purpose: 'DATA_VERIFICATION' },
    ];
    for (const gateway of [a, b]) {
      for (const other of others) {
        const answer = await query(gateway, other, addressQuery);
        expect(answer.body.data?.['resident']).toEqual({ name, householdAddress: null });
        expect(answer.body.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN_FIELD']);
        expect(JSON.stringify(answer.body)).not.toContain(marker);
        expect(JSON.stringify(answer.body)).not.toContain(householdAddress);
      }
    }
  });

  it('when Redis is away, then requests are still served and a revocation through A holds on B within the database fallback bound', async () => {
    const [a, b] = gateways as unknown as [{ url: string }, { url: string }];
    const reader = { dept: 'approval', app: 'reader-2', purpose: 'BUSINESS_COLLABORATION' };
    const grantId = await approveThrough(a, 'BUSINESS_COLLABORATION');
    await expect.poll(async () => pension((await query(b, reader, PENSION_QUERY)).body), { timeout: 1_500, interval: 50 }).toEqual(expect.any(Number));
    await redisProxy.cut();
    try {
      expect((await query(b, reader, `{ resident(citizenId: "${DEMO.resident}") { name } }`)).status).toBe(200);
      await revokeThrough(a, grantId);
      const revokedAt = Date.now();
      await expect.poll(async () => pension((await query(b, reader, PENSION_QUERY)).body), { timeout: 3_000, interval: 100 }).toBeNull();
      // The bound stated in the README: the store's grants version is polled every second (plus a
      // store round trip and this request; margin for a loaded CI machine).
      expect(Date.now() - revokedAt).toBeLessThan(2_000);
    } finally {
      await redisProxy.restore();
    }
  });
});
