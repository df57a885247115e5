/**
 * What a subgraph says when something fails, on the governance subgraph over real HTTP and a real
 * store: a caller's own mistake keeps its code and message; a failing store is masked to
 * INTERNAL_SERVER_ERROR with the registry's message, never the driver's own words.
 */
import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../platform/errors.ts';
import { DEFAULT_REGULATION_PROFILE, requireShippedProfile } from '../policies/regulation-profiles.ts';
import { PLATFORM_OPERATOR } from '../policies/types.ts';
import { createInfoCenterSubgraph } from '../subgraphs/info-center/definition.ts';
import { seedStore } from '../subgraphs/info-center/seed.ts';
import { createSubgraphCallSigner } from '../gateway/sign/sign-subgraph-call.ts';
import { openStore } from '../platform/store/database.ts';
import { migrateToLatest } from '../platform/store/migrate.ts';
import { DEPARTMENT_CODES } from '../platform/departments.ts';
import { createSubgraphServer } from '../subgraphs/shared/create-subgraph-server.ts';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';

async function setup(createDatabase: () => Promise<TestDatabase>, cleanups: Array<() => Promise<void>>) {
  const database = await createDatabase();
  cleanups.push(() => database.drop());
  const store = await openStore({ databaseUrl: database.databaseUrl });
  let storeOpen = true;
  cleanups.push(async () => void (storeOpen && (await store.close())));
  await migrateToLatest(store.db);
  await seedStore(store.db);
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const profile = requireShippedProfile(DEFAULT_REGULATION_PROFILE);
  const governance = await createSubgraphServer(
    createInfoCenterSubgraph({
      db: store.db,
      catalog: () => new Map(),
      departments: DEPARTMENT_CODES,
      now: () => new Date(),
      grantsChanged: async () => undefined,
      supergraphSdl: () => '',
      localSubgraphs: [],
      supergraphChanged: async () => undefined,
      grantMaxValidityDays: profile.grantValidity.maxDays,
      profile,
    }),
    { gatewayKeys: publicKey },
  );
  const url = `${await governance.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
  cleanups.push(() => governance.close());
  const sign = createSubgraphCallSigner(privateKey);
  const identity = { app: 'human-resources-admin', dept: 'human-resources', roles: ['consumer', 'provider-admin'], purpose: undefined };
  return {
    closeStore: async () => {
      storeOpen = false;
      await store.close();
    },
    async post(query: string) {
      const body = JSON.stringify({ query });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await sign(PLATFORM_OPERATOR, identity, body)}` },
        body,
      });
      return { status: response.status, text: await response.text() };
    },
  };
}

describe.each(STORE_BACKENDS)('governance subgraph errors on %s', (_backend, createDatabase) => {
  // One subgraph per backend; the last test closes its store.
  const cleanups: Array<() => Promise<void>> = [];
  let governance: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => void (governance = await setup(createDatabase, cleanups)));
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('when a caller names a grant that does not exist, then NOT_FOUND comes back with its own message', async () => {
    const { status, text } = await governance.post('mutation { revokeGrant(id: "999999", reason: "测试") { id } }');
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({
      data: null,
      errors: [
        {
          message: 'No grant with id 999999 is visible to your department',
          locations: [{ line: 1, column: 12 }],
          path: ['revokeGrant'],
          extensions: { code: 'NOT_FOUND' },
        },
      ],
    });
  });

  it('when the store fails under a query, then the answer is INTERNAL_SERVER_ERROR with the registry message and nothing of the failure', async () => {
    expect(JSON.parse((await governance.post('{ departments { code } }')).text).data.departments.length).toBeGreaterThan(0);
    await governance.closeStore();
    const { text } = await governance.post('{ departments { code } }');
    expect(JSON.parse(text)).toEqual({
      data: null,
      errors: [
        {
          message: ERROR_CODES.INTERNAL_SERVER_ERROR.message,
          locations: [{ line: 1, column: 3 }],
          path: ['departments'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
  });
});
