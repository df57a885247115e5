/**
 * The console at the gateway's edge: `/` and `/console` redirect, the bundle's files are served by
 * exact path with a same-origin content security policy, every other spelling stays ROUTE_NOT_FOUND;
 * the demo sign-in refuses hostile bodies with stable codes and exists only on demo keys — the
 * production launcher (`scripts/gateway.ts` with a configured issuer key) has no such endpoint.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { demoKeyPath, ensureDemoKeyPair } from '../platform/keys.ts';
import { CONSOLE_BUNDLE_DIR } from '../scripts/console-bundle.ts';
import { freePort } from './support/free-port.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';

let platform: TestPlatform;
let origin: string;
const root = new URL('..', import.meta.url).pathname;

beforeAll(async () => {
  platform = await startTestPlatform();
  origin = platform.gatewayUrl.replace(/\/graphql$/, '');
});
afterAll(() => platform?.close());

const get = (path: string) => fetch(`${origin}${path}`, { redirect: 'manual' });
const signIn = (body: string, contentType = 'application/json') =>
  fetch(`${origin}/demo/sign-in`, { method: 'POST', headers: { 'content-type': contentType }, body });
const codeOf = async (response: Response) => ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code;

describe('the console at the edge', () => {
  it('when a browser opens / or /console, then it is sent to /console/, which serves the bundle under a same-origin policy', async () => {
    expect((await get('/')).headers.get('location')).toBe('/console/');
    expect((await get('/console')).headers.get('location')).toBe('/console/');
    const index = await get('/console/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await index.text();
    expect(html).not.toMatch(/https?:\/\//);
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await get(script);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-type')).toContain('text/javascript');
  });

  it('when a path is not exactly a file of the bundle, then the answer is ROUTE_NOT_FOUND', async () => {
    const script = /src="\/console\/(assets\/[^"]+\.js)"/.exec(readFileSync(join(CONSOLE_BUNDLE_DIR, 'index.html'), 'utf8'))![1]!;
    const paths = [
      '/console/nope',
      '/Console/',
      '/console//',
      `/console/${script}x`,
      `/console/${script.toUpperCase()}`,
      '/console/assets/',
      '/console/index.html',
      '/consolex',
    ];
    for (const path of paths) {
      const response = await get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(await codeOf(response)).toBe('ROUTE_NOT_FOUND');
    }
  });
});

describe('the demo sign-in', () => {
  it('when a department signs in as its sharing administrator, then the token is honoured by governance', async () => {
    const response = await signIn(JSON.stringify({ dept: 'human-resources', role: 'provider-admin' }));
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { token: string; app: string; roles: string[] };
    expect(body).toMatchObject({ app: 'human-resources-admin', roles: ['consumer', 'provider-admin'] });
    const answer = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${body.token}` },
      body: JSON.stringify({ query: '{ accessRequests(status: PENDING) { id } }' }),
    });
    expect(await answer.json()).toEqual({ data: { accessRequests: [] } });
  });

  it('when the body is hostile, then it is refused with a stable code and no token', async () => {
    const cases: Array<[string, string, number, string]> = [
      ['platform-admin outside the operator', JSON.stringify({ dept: 'civil-affairs', role: 'platform-admin' }), 400, 'BAD_REQUEST'],
      ['unknown department', JSON.stringify({ dept: 'tax-bureau', role: 'consumer' }), 400, 'BAD_REQUEST'],
      ['unknown role', JSON.stringify({ dept: 'civil-affairs', role: 'root' }), 400, 'BAD_REQUEST'],
      ['extra field', JSON.stringify({ dept: 'civil-affairs', role: 'consumer', app: 'x' }), 400, 'BAD_REQUEST'],
      ['prototype key', '{"dept":"civil-affairs","__proto__":{"role":"consumer"}}', 400, 'BAD_REQUEST'],
      ['array', JSON.stringify([{ dept: 'civil-affairs', role: 'consumer' }]), 400, 'BAD_REQUEST'],
      ['not JSON', '{"dept":', 400, 'BAD_REQUEST'],
      ['worst value: a department name at the body limit', JSON.stringify({ dept: '\u202e'.repeat(80), role: 'consumer' }), 413, 'PAYLOAD_TOO_LARGE'],
      ['worst value: far over the limit', JSON.stringify({ dept: 'x'.repeat(1_000_000), role: 'consumer' }), 413, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [name, body, status, code] of cases) {
      const response = await signIn(body);
      const text = await response.text();
      expect({
        name,
        status: response.status,
        code: (JSON.parse(text) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code,
      }).toEqual({
        name,
        status,
        code,
      });
      expect(text).not.toContain('token');
    }
    expect(await codeOf(await signIn('dept=civil-affairs&role=consumer', 'application/x-www-form-urlencoded'))).toBe('UNSUPPORTED_MEDIA_TYPE');
    const wrongMethod = await get('/demo/sign-in');
    expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it('when the gateway runs with a configured token issuer key (production), then there is no demo sign-in, and the console is still served', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zhoucun-console-prod-'));
    await ensureDemoKeyPair(dataDir, 'token-issuer');
    const [port, governancePort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ['scripts/gateway.ts'], {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: join(dataDir, 'run'),
        TOKEN_PUBLIC_KEY_PATH: demoKeyPath(dataDir, 'token-issuer', 'public'),
        PORT: String(port),
        GOVERNANCE_PORT: String(governancePort),
        METRICS_PORT: 'off',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    onTestFinished(() => void child.kill('SIGTERM'));
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => line.includes('"gateway ready"') && resolve());
      child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
    });
    const production = `http://127.0.0.1:${port}`;
    const response = await fetch(`${production}/demo/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"dept":"civil-affairs","role":"consumer"}',
    });
    expect([response.status, await codeOf(response)]).toEqual([404, 'ROUTE_NOT_FOUND']);
    expect((await fetch(`${production}/console/`)).status).toBe(200);
  }, 180_000); // a whole gateway process starts (PGlite, composition) before the first request
});
