/**
 * The console's OpenID Connect sign-in against a real OpenID provider started here (`oidc-provider`),
 * in Chromium: authorization code with PKCE, state and nonce; the person lands in the console as the
 * department and roles the claims name (周政发〔2018〕6号 art. 5(4)), and GraphQL works with the cookie
 * session. A tampered or absent state, a hostile answer (huge code, control characters, repeated or
 * unknown parameters, other spellings of the callback), a cross-site use of the session and a forged
 * cookie are each refused with a registry error.
 */
import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcConfig } from '../gateway/config.ts';
import { launchChromium, screenshot } from './support/browser.ts';
import { freePort } from './support/free-port.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';

const CLIENT_SECRET = 'console-secret-0123456789abcdef';
/** The district's people as the identity provider knows them. */
const ACCOUNTS: Readonly<Record<string, Record<string, unknown>>> = {
  // The department's listed sharing administrator (the registry backs the role, art. 21).
  'human-resources-admin': { dept: 'human-resources', roles: ['consumer', 'provider-admin'] },
  'li.tax': { dept: 'tax-bureau', roles: ['consumer'] },
};

let platform: TestPlatform;
let idp: Server;
let browser: Browser;
let origin: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const [idpPort, gatewayPort] = [await freePort(), await freePort()];
  origin = `http://127.0.0.1:${gatewayPort}`;
  const issuer = `http://127.0.0.1:${idpPort}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'zhoucun-console', client_secret: CLIENT_SECRET, redirect_uris: [`${origin}/auth/oidc/callback`], response_types: ['code'] }],
    scopes: ['openid', 'zhoucun'],
    claims: { openid: ['sub'], zhoucun: ['dept', 'roles'] },
    // The department and roles travel in the ID token, as a district provider is configured to send them.
    conformIdTokenClaims: false,
    findAccount: (_context, id) => ({ accountId: id, claims: () => ({ sub: id, ...ACCOUNTS[id] }) }),
    features: { devInteractions: { enabled: true } },
  });
  idp = provider.listen(idpPort);
  const oidc: OidcConfig = {
    issuer,
    clientId: 'zhoucun-console',
    clientSecret: CLIENT_SECRET,
    redirectUri: `${origin}/auth/oidc/callback`,
    scopes: 'openid zhoucun',
    departmentClaim: 'dept',
    rolesClaim: 'roles',
    sessionHours: 8,
  };
  platform = await startTestPlatform({ gatewayPort, oidc });
  browser = await launchChromium();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await platform?.close();
  await new Promise((resolve) => idp?.close(resolve));
});

/** A browser that reaches only the gateway and the provider (the provider's dev pages link a web font). */
async function newPage() {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  return { context, page: await context.newPage() };
}

/** Signs in at the provider's login and consent pages as `login`. */
async function signInAt(login: string) {
  const { context, page } = await newPage();
  await page.goto(`${origin}/console/`);
  await page.getByRole('link', { name: '统一身份认证登录' }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  return { context, page };
}

const codeOf = (body: unknown) => (body as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0]?.extensions?.code;

describe('the console signed in at an OpenID provider', () => {
  it('art-5 when a person signs in at the provider, then the console shows them as the department the claims name, and GraphQL answers with the cookie session only from the console itself', async () => {
    const { context, page } = await signInAt('human-resources-admin');
    await expect(page.getByTestId('whoami').textContent()).resolves.toContain('区人力资源和社会保障局 · human-resources-admin');
    await page.getByRole('link', { name: '待办' }).waitFor();
    await screenshot(page, 'oidc-signed-in');

    const cookie = (await context.cookies(origin)).find((entry) => entry.name === 'zhoucun_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const own = await page.evaluate<{ status: number; body: unknown }>(`fetch('/graphql', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ accessRequests { id } myGrants { id } }' }),
      }).then(async (response) => ({ status: response.status, body: await response.json() }))`);
    expect(own).toEqual({ status: 200, body: { data: { accessRequests: [], myGrants: [] } } });

    const session = `zhoucun_session=${cookie.value}`;
    const post = (headers: Record<string, string>) =>
      fetch(platform.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session, ...headers },
        body: '{"query":"{ myGrants { id } }"}',
      });
    const crossSite = await post({ origin: 'http://evil.example' });
    expect([crossSite.status, codeOf(await crossSite.json())]).toEqual([401, 'UNAUTHENTICATED']);
    const crossFetch = await post({ 'sec-fetch-site': 'cross-site' });
    expect([crossFetch.status, codeOf(await crossFetch.json())]).toEqual([401, 'UNAUTHENTICATED']);
    const forged = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `zhoucun_session=${cookie.value.slice(0, -4)}AAAA` },
      body: '{"query":"{ myGrants { id } }"}',
    });
    expect([forged.status, codeOf(await forged.json())]).toEqual([401, 'UNAUTHENTICATED']);
    // Apollo's CSRF prevention stays: a simple (form-like) request never reaches an operation.
    const simple = await fetch(`${platform.gatewayUrl}?query=${encodeURIComponent('{ myGrants { id } }')}`, { headers: { cookie: session } });
    expect(simple.status).toBe(400);

    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('link', { name: '统一身份认证登录' }).waitFor();
    expect((await context.cookies(origin)).some((entry) => entry.name === 'zhoucun_session')).toBe(false);
  }, 60_000);

  it('art-5 when the claims name a department outside the registry, then no session is opened: UNAUTHENTICATED', async () => {
    const { context, page } = await signInAt('li.tax');
    await expect(page.locator('body').textContent()).resolves.toContain('UNAUTHENTICATED');
    expect((await context.cookies(origin)).some((entry) => entry.name === 'zhoucun_session')).toBe(false);
  }, 60_000);

  it('when the state is tampered with or absent, or the browser started no sign-in, then the callback refuses with a registry error', async () => {
    const login = await fetch(`${origin}/auth/oidc/login`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    const started = login.headers.get('set-cookie')!.split(';')[0]!;
    const state = new URL(login.headers.get('location')!).searchParams.get('state')!;
    const callback = (query: string, cookie = started) => fetch(`${origin}/auth/oidc/callback?${query}`, { headers: { cookie }, redirect: 'manual' });

    const tampered = await callback(`code=abc&state=${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`);
    expect([tampered.status, codeOf(await tampered.json())]).toEqual([401, 'UNAUTHENTICATED']);
    const absent = await callback('code=abc');
    expect([absent.status, codeOf(await absent.json())]).toEqual([400, 'BAD_REQUEST']);
    const notStarted = await callback(`code=abc&state=${state}`, '');
    expect([notStarted.status, codeOf(await notStarted.json())]).toEqual([401, 'UNAUTHENTICATED']);
    const forgedCookie = await callback(`code=abc&state=${state}`, `${started.slice(0, -6)}AAAAAA`);
    expect([forgedCookie.status, codeOf(await forgedCookie.json())]).toEqual([401, 'UNAUTHENTICATED']);
    const wrongCode = await callback(`code=not-a-code&state=${state}`);
    expect([wrongCode.status, codeOf(await wrongCode.json())]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('when the answer is hostile, then BAD_REQUEST, HEADERS_TOO_LARGE or ROUTE_NOT_FOUND, and never a session', async () => {
    const state = 'a'.repeat(43);
    const cases: Array<[string, number, string]> = [
      [`/auth/oidc/callback?code=${'x'.repeat(3000)}&state=${state}`, 400, 'BAD_REQUEST'],
      [`/auth/oidc/callback?code=${'x'.repeat(20_000)}&state=${state}`, 431, 'HEADERS_TOO_LARGE'],
      [`/auth/oidc/callback?code=abc&state=${state}%01`, 400, 'BAD_REQUEST'],
      [`/auth/oidc/callback?code=abc%0d%0aSet-Cookie:%20x=1&state=${state}`, 400, 'BAD_REQUEST'],
      [`/auth/oidc/callback?code=abc&state=${state}&state=${state}`, 400, 'BAD_REQUEST'],
      [`/auth/oidc/callback?code=abc&state=${state}&redirect=https://evil.example`, 400, 'BAD_REQUEST'],
      [`/auth/oidc/callback?code[]=abc&state=${state}`, 400, 'BAD_REQUEST'],
      [`/auth/oidc/callback/?code=abc&state=${state}`, 404, 'ROUTE_NOT_FOUND'],
      [`/AUTH/oidc/callback?code=abc&state=${state}`, 404, 'ROUTE_NOT_FOUND'],
      [`/auth/oidc//callback?code=abc&state=${state}`, 404, 'ROUTE_NOT_FOUND'],
      [`/auth/oidc/%63allback?code=abc&state=${state}`, 404, 'ROUTE_NOT_FOUND'],
      [`/auth/oidc/login?next=https://evil.example`, 400, 'BAD_REQUEST'],
      [`/auth/session?x=1`, 404, 'ROUTE_NOT_FOUND'],
    ];
    for (const [path, status, code] of cases) {
      const response = await fetch(`${origin}${path}`, { redirect: 'manual' });
      const text = await response.text();
      expect([path.slice(0, 80), response.status, codeOf(JSON.parse(text))]).toEqual([path.slice(0, 80), status, code]);
      expect(response.headers.get('set-cookie') ?? '').not.toContain('zhoucun_session=e');
    }
    const wrongMethod = await fetch(`${origin}/auth/oidc/callback`, { method: 'POST' });
    expect([wrongMethod.status, codeOf(await wrongMethod.json())]).toEqual([405, 'METHOD_NOT_ALLOWED']);
  });
});
