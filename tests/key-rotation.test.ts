/**
 * `npm run keys:rotate`: a new key becomes current, old public keys stay for verification. After a
 * gateway-signing rotation the subgraphs answer calls signed by the new key (a restarted gateway),
 * still by the old one (a gateway not yet restarted), and never by a key outside the set.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { generateKeyPair, type CryptoKey } from 'jose';
import { demoKeyPath, ensureDemoKeyPair } from '../platform/keys.ts';
import { loadPublicKeySet } from '../platform/key-set.ts';
import { createSubgraphCallSigner } from '../gateway/sign/sign-subgraph-call.ts';
import { createSubgraphServer } from '../subgraphs/shared/create-subgraph-server.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { DEMO } from '../subgraphs/shared/district.ts';

const root = new URL('..', import.meta.url).pathname;
const rotate = (...args: string[]) => spawnSync(process.execPath, ['scripts/rotate-keys.ts', ...args], { cwd: root, env: process.env, encoding: 'utf8' });

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhoucun-keys-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const keyIdsIn = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { keys: Array<{ kid: string }> }).keys.map((key) => key.kid);

describe('key rotation', () => {
  it('when `npm run keys:rotate -- --key audit-signing` runs, then a new key is current and the old public key stays in the key set', async () => {
    const dir = dataDir();
    const before = await ensureDemoKeyPair(dir, 'audit-signing');
    const rotated = rotate('--key', 'audit-signing', '--data-dir', dir);
    expect(rotated.status).toBe(0);
    const after = await ensureDemoKeyPair(dir, 'audit-signing');
    expect(after.keyId).not.toBe(before.keyId);
    expect(rotated.stdout).toBe(
      `audit-signing: key ${after.keyId} is current; ${before.keyId} retired, kept in ${demoKeyPath(dir, 'audit-signing', 'public-keys')} for verification.\n`,
    );
    expect(keyIdsIn(demoKeyPath(dir, 'audit-signing', 'public-keys'))).toEqual([after.keyId, before.keyId]);
    expect(JSON.parse(readFileSync(demoKeyPath(dir, 'audit-signing', 'private'), 'utf8'))).toMatchObject({ kid: after.keyId });
  });

  it('when the key to rotate is missing or unknown, then the command exits 2 naming the keys it rotates', () => {
    for (const args of [[], ['--key', 'token-issuer'], ['--key', 'audit-signing\n'], ['--bogus']]) {
      const result = rotate(...args, '--data-dir', dataDir());
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/Usage: npm run keys:rotate -- --key <gateway-signing\|audit-signing> \[--data-dir <dir>\]\n$/);
    }
  });

  it('when the gateway key is rotated, then a subgraph started before answers calls signed by the new key and the old one, and refuses any other', async () => {
    const dir = dataDir();
    const old = await ensureDemoKeyPair(dir, 'gateway-signing');
    const subgraph = SUBGRAPHS.find((s) => s.name === 'public-security')!;
    const app = await createSubgraphServer(subgraph.definition, { gatewayKeys: await loadPublicKeySet(demoKeyPath(dir, 'gateway-signing', 'public-keys')) });
    onTestFinished(() => app.close());
    const call = async (key: CryptoKey) => {
      const body = JSON.stringify({ query: `{ resident(citizenId: "${DEMO.resident}") { name } }` });
      const token = await createSubgraphCallSigner(key)(
        subgraph.name,
        { app: 'a', dept: 'civil-affairs', roles: ['consumer'], purpose: 'WORK_REFERENCE' },
        body,
      );
      const response = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: body,
      });
      return response.statusCode;
    };
    expect(await call(old.privateKey)).toBe(200);
    expect(rotate('--key', 'gateway-signing', '--data-dir', dir).status).toBe(0);
    const restarted = await ensureDemoKeyPair(dir, 'gateway-signing'); // what a restarted gateway signs with
    expect(restarted.keyId).not.toBe(old.keyId);
    expect(await call(restarted.privateKey)).toBe(200);
    expect(await call(old.privateKey)).toBe(200);
    expect(await call((await generateKeyPair('EdDSA')).privateKey)).toBe(401);
  });
});
