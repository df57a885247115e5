/**
 * The commands a user runs, run as a user would: in a Node child process, with Node's own module
 * resolution (which differs from the test runner's for packages shipping both CommonJS and ESM).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('commands', () => {
  it('when the platform modules are loaded by Node itself, then every import resolves', () => {
    const result = run([
      '--input-type=module',
      '-e',
      "await import('./scripts/start-platform.ts'); await import('./gateway/start-gateway.ts'); await import('./scripts/launch-gateway.ts'); await import('./bench/plain-gateway.ts');",
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('when `npm run token -- --dept civil-affairs` runs, then it prints a token the demo issuer signed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zhoucun-token-'));
    const result = run(['scripts/token.ts', '--dept', 'civil-affairs', '--roles', 'consumer,provider-admin', '--app', 'means-test'], { DATA_DIR: dataDir });
    expect(result.status).toBe(0);
    const token = result.stdout.trim();
    const publicJwk = JSON.parse(readFileSync(join(dataDir, 'keys', 'token-issuer.public.jwk.json'), 'utf8'));
    const { payload } = await jwtVerify(token, await importJWK(publicJwk, 'EdDSA'), { issuer: 'zhoucun-platform', audience: 'zhoucun-gateway' });
    expect(payload).toMatchObject({ sub: 'means-test', dept: 'civil-affairs', roles: ['consumer', 'provider-admin'] });
    expect(decodeJwt(token).exp! - decodeJwt(token).iat!).toBe(12 * 3600);
  });

  it("art-21: when a token with an administrative role is asked for without --app, then it is issued to the department's listed sharing administrator", () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zhoucun-token-'));
    const admin = run(['scripts/token.ts', '--dept', 'human-resources', '--roles', 'consumer,provider-admin'], { DATA_DIR: dataDir });
    expect(decodeJwt(admin.stdout.trim())).toMatchObject({ sub: 'human-resources-admin', dept: 'human-resources' });
    const consumer = run(['scripts/token.ts', '--dept', 'civil-affairs'], { DATA_DIR: dataDir });
    expect(decodeJwt(consumer.stdout.trim())).toMatchObject({ sub: 'civil-affairs-app', roles: ['consumer'] });
  });

  it('when the token command gets an unknown department, then it says which are known and exits 2', () => {
    const result = run(['scripts/token.ts', '--dept', 'tax-bureau'], { DATA_DIR: mkdtempSync(join(tmpdir(), 'zhoucun-token-')) });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--dept must be one of public-security, market-regulation/);
  });

  it('when `npm run compose` runs, then it writes the supergraph with the share metadata', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'zhoucun-compose-')), 'supergraph.graphql');
    const result = run(['scripts/compose.ts', '--out', out]);
    expect(result.status).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8')).toMatch(/criminalRecord: String @join__field\(graph: PUBLIC_SECURITY\) @share\(type: NONE, basis:/);
  });

  it('when the gateway is misconfigured, then it stops at once naming the variable', () => {
    const result = run(['scripts/gateway.ts'], { PORT: 'abc' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('The gateway did not start: Configuration error: PORT must be a port number, got "abc"\n');
  });

  it('when REGULATION_PROFILE names no usable profile, then the gateway stops at once naming it: no deadline is counted on a guess', () => {
    const result = run(['scripts/gateway.ts'], { REGULATION_PROFILE: 'nowhere' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'The gateway did not start: Configuration error: REGULATION_PROFILE "nowhere" is not a usable regulation profile: no profile "nowhere": the platform ships zhoucun-2018, provincial-two-step\n',
    );
  });
});
