/**
 * Publishing end to end over HTTP, on embedded PGlite and on the machine's real PostgreSQL: a
 * department's sharing administrator publishes a new version of its subgraph through every check,
 * the gateway serves it on the next request without a restart, every attempt is kept, a change that
 * grants depend on is refused unless the operator overrides it, and a rollback brings the earlier
 * version back through the same checks.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../scripts/issue-token.ts';
import { civilAffairs } from '../subgraphs/civil-affairs/definition.ts';
import { humanResources } from '../subgraphs/human-resources/definition.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { startStoreBackedPlatform, stopStoreBackedPlatform, type GraphQLBody, type TestPlatform } from './support/test-platform.ts';

const VERSION_FIELDS = 'name version published dryRun live publishedBy reason rollbackOf checks { check passed lines } diff { level path message }';
const PUBLISH = `mutation($name: String!, $sdl: String!, $dryRun: Boolean, $reason: String, $url: String) {
  publishSubgraph(name: $name, sdl: $sdl, dryRun: $dryRun, reason: $reason, url: $url) { ${VERSION_FIELDS} } }`;
const MARITAL_QUERY = `{ resident(citizenId: "${DEMO.resident}") { name maritalStatus } }`;
/** civil-affairs without `maritalStatus`: nothing depends on it in a fresh store. */
const WITHOUT_MARITAL = civilAffairs.typeDefs.replace(
  /\n {2}"婚姻状况 \(marital status as registered\)"\n {2}maritalStatus: MaritalStatus\n {4}@share\([^\n]*\)/,
  '',
);

type Version = { version: number; published: boolean; live: boolean; checks: Array<{ check: string; passed: boolean; lines: string[] }> };
const root = new URL('..', import.meta.url).pathname;

/** `npm run publish -- …` as a user runs it (asynchronously: the gateway answering it runs in this process). */
function runPublish(args: string[], token: string): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/publish.ts', ...args], { cwd: root, env: { ...process.env, GATEWAY_TOKEN: token } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout }));
  });
}

const versionOf = (body: GraphQLBody, field = 'publishSubgraph') => body.data?.[field] as Version;
const lines = (version: Version, check: string) => version.checks.find((c) => c.check === check)!.lines;

describe.each(STORE_BACKENDS)('publishing on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  beforeAll(async () => void ({ platform, database } = await startStoreBackedPlatform(createDatabase)));
  afterAll(() => stopStoreBackedPlatform(platform, database));

  const civilAdmin = () => platform.client({ dept: 'civil-affairs', app: 'civil-affairs-admin', roles: ['consumer', 'provider-admin'] });
  const hrAdmin = () => platform.client({ dept: 'human-resources', app: 'human-resources-admin', roles: ['consumer', 'provider-admin'] });
  const operator = () => platform.client({ dept: 'info-center', app: 'info-center-admin', roles: ['platform-admin'] });
  const reader = () => platform.client({ dept: 'approval', purpose: 'DATA_VERIFICATION' });

  it('art-20: when the administrator dry-runs, then every check runs and nothing is published; when it publishes, the next request sees it', () =>
    (async () => {
      expect((await reader().query(MARITAL_QUERY)).body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN_FIELD');
      const dry = versionOf((await civilAdmin().query(PUBLISH, { name: 'civil-affairs', sdl: WITHOUT_MARITAL, dryRun: true })).body);
      expect(dry).toMatchObject({ version: 2, published: false, dryRun: true, live: false });
      expect(dry.checks.map((c) => `${c.check} ${c.passed}`)).toEqual([
        'composition true',
        'publish-checks true',
        'classification true',
        'governance true',
        'catalog true',
      ]);
      expect(lines(dry, 'classification')).toEqual(["BREAKING Field 'maritalStatus' was removed from object type 'Resident'"]);
      expect(lines(dry, 'governance')).toEqual(['Resident.maritalStatus removed: no live grant, not received in the last 30 days']);
      expect(lines(dry, 'catalog')).toEqual(['Resident.maritalStatus leaves the catalog']);
      expect((await reader().query(MARITAL_QUERY)).body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN_FIELD');

      const published = versionOf((await civilAdmin().query(PUBLISH, { name: 'civil-affairs', sdl: WITHOUT_MARITAL })).body);
      expect(published).toMatchObject({ version: 3, published: true, live: true });
      expect((await reader().query(MARITAL_QUERY)).body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');

      const rolledBack = await civilAdmin().query(
        `mutation { rollbackSubgraph(name: "civil-affairs", version: 1, reason: "婚姻状况恢复共享") { ${VERSION_FIELDS} } }`,
      );
      expect(versionOf(rolledBack.body, 'rollbackSubgraph')).toMatchObject({ version: 4, published: true, live: true, rollbackOf: 1 });
      expect((await reader().query(MARITAL_QUERY)).body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN_FIELD');

      const history = await reader().query('{ subgraphVersions(name: "civil-affairs") { version published dryRun live publishedBy } }');
      expect(history.body.data?.['subgraphVersions']).toEqual([
        { version: 4, published: true, dryRun: false, live: true, publishedBy: 'civil-affairs-admin' },
        { version: 3, published: true, dryRun: false, live: false, publishedBy: 'civil-affairs-admin' },
        { version: 2, published: false, dryRun: true, live: false, publishedBy: 'civil-affairs-admin' },
        { version: 1, published: true, dryRun: false, live: false, publishedBy: 'seed' },
      ]);
    })());

  it('art-13: when a provider removes a granted item, then the publish is refused naming the grant; the operator may override with a reason', async () => {
    const withoutPension = humanResources.typeDefs.replace(/\n {2}"月养老金[^\n]*\n {2}monthlyPension: Float @share\([^\n]*\)/, '');
    const refused = versionOf((await hrAdmin().query(PUBLISH, { name: 'human-resources', sdl: withoutPension })).body);
    expect(refused.published).toBe(false);
    expect(lines(refused, 'governance')).toEqual([
      'Resident.monthlyPension removed (live grants grant-demo-approval-verify-pension (approval), grant-demo-civil-affairs-pension (civil-affairs)): refused unless the platform operator overrides with a reason',
    ]);
    expect((await reader().query(`{ resident(citizenId: "${DEMO.resident}") { monthlyPension } }`)).body.errors?.[0]?.extensions?.['code']).toBe(
      'FORBIDDEN_FIELD',
    );
    const overridden = versionOf(
      (await operator().query(PUBLISH, { name: 'human-resources', sdl: withoutPension, reason: '养老金数据改由市级平台提供' })).body,
    );
    expect(overridden).toMatchObject({ published: true, live: true });
    expect(lines(overridden, 'governance')[0]).toContain('overridden by the operator: 养老金数据改由市级平台提供');
  });

  it('art-20: when `npm run publish` runs, then it prints one line per check result and exits 0 only when published', async () => {
    const sdlPath = join(mkdtempSync(join(tmpdir(), 'zhoucun-publish-')), 'schema.graphql');
    writeFileSync(sdlPath, civilAffairs.typeDefs.replace('"婚姻状况 (marital status as registered)"', '"婚姻状况（登记）"'));
    const token = await issueToken(platform.tokenIssuer.privateKey, {
      dept: 'civil-affairs',
      roles: ['consumer', 'provider-admin'],
      app: 'civil-affairs-admin',
    });
    const args = ['--subgraph', 'civil-affairs', '--sdl', sdlPath, '--gateway', platform.gatewayUrl];
    const dry = await runPublish([...args, '--dry-run'], token);
    expect(dry.status).toBe(1);
    expect(dry.stdout).toContain('PASS composition: composes with');
    expect(dry.stdout).toContain('PASS catalog: Resident.maritalStatus changed: recorded on');
    expect(dry.stdout).toMatch(/civil-affairs version \d+: dry run: every check ran, nothing was published\n$/);
    const published = await runPublish(args, token);
    expect(published.stdout).toMatch(/civil-affairs version \d+: published\n$/);
    expect(published.status).toBe(0);
    const catalog = await reader().query('{ catalog(resource: "Resident") { coordinate abstract changedOn reviewStatus } }');
    const item = (catalog.body.data?.['catalog'] as Array<Record<string, unknown>>).find((i) => i['coordinate'] === 'Resident.maritalStatus');
    expect(item).toMatchObject({ abstract: '婚姻状况（登记）', reviewStatus: 'REVIEWED' });
    expect(item?.['changedOn']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('when a consumer, another department or a hostile argument publishes, then it is refused with a stable code and nothing is kept', async () => {
    const code = async (client: ReturnType<typeof reader>, variables: Record<string, unknown>) =>
      (await client.query(PUBLISH, { name: 'civil-affairs', sdl: civilAffairs.typeDefs, ...variables })).body.errors?.[0]?.extensions?.['code'];
    expect(await code(reader(), {})).toBe('FORBIDDEN');
    expect(await code(hrAdmin(), {})).toBe('FORBIDDEN');
    expect(await code(civilAdmin(), { sdl: 'x'.repeat(192 * 1024 + 1) })).toBe('BAD_USER_INPUT');
    expect(await code(civilAdmin(), { url: 'file:///etc/passwd' })).toBe('BAD_USER_INPUT');
    expect(await code(civilAdmin(), { url: `http://127.0.0.1/${'a'.repeat(2048)}` })).toBe('BAD_USER_INPUT');
    expect(await code(civilAdmin(), { name: 'info-center' })).toBe('FORBIDDEN');
    const broken = versionOf(
      (await civilAdmin().query(PUBLISH, { name: 'civil-affairs', sdl: 'type Query { broken: Nope @share(type: UNCONDITIONAL) }' })).body,
    );
    expect(broken.published).toBe(false);
    expect(broken.checks.find((c) => c.check === 'composition')?.passed).toBe(false);
  });
});
