import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { requireShippedProfile } from '../policies/regulation-profiles.ts';
import { readGatewayConfig } from './config.ts';

describe('gateway configuration', () => {
  it('art-13: when GRANT_MAX_VALIDITY_DAYS is not set, then grants are valid for at most one year; when set, that many days', () => {
    expect(readGatewayConfig({}).grantMaxValidityDays).toBe(365);
    expect(readGatewayConfig({ GRANT_MAX_VALIDITY_DAYS: '90' }).grantMaxValidityDays).toBe(90);
  });

  it('art-13: when GRANT_MAX_VALIDITY_DAYS is not a number of days up to ten years, then the start stops naming it', () => {
    expect(() => readGatewayConfig({ GRANT_MAX_VALIDITY_DAYS: '0' })).toThrow(
      'Configuration error: GRANT_MAX_VALIDITY_DAYS must be a positive integer, got "0"',
    );
    expect(() => readGatewayConfig({ GRANT_MAX_VALIDITY_DAYS: 'forever' })).toThrow(
      'Configuration error: GRANT_MAX_VALIDITY_DAYS must be a positive integer, got "forever"',
    );
    expect(() => readGatewayConfig({ GRANT_MAX_VALIDITY_DAYS: '3654' })).toThrow(
      'Configuration error: GRANT_MAX_VALIDITY_DAYS must be at most 3653, got "3654"',
    );
  });

  it('when REGULATION_PROFILE is not set, then zhoucun-2018 governs; when it names provincial-two-step, then that one', () => {
    expect(readGatewayConfig({}).regulationProfile.name).toBe('zhoucun-2018');
    expect(readGatewayConfig({ REGULATION_PROFILE: 'provincial-two-step' }).regulationProfile.name).toBe('provincial-two-step');
  });

  it("art-13: when GRANT_MAX_VALIDITY_DAYS is not set, then the profile's longest validity is the default", () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhoucun-profile-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'short.json');
    writeFileSync(path, JSON.stringify({ ...requireShippedProfile('zhoucun-2018'), name: 'short', grantValidity: { defaultDays: 90, maxDays: 180 } }));
    expect(readGatewayConfig({ REGULATION_PROFILE: path }).grantMaxValidityDays).toBe(180);
    expect(readGatewayConfig({ REGULATION_PROFILE: path, GRANT_MAX_VALIDITY_DAYS: '30' }).grantMaxValidityDays).toBe(30);
  });

  it('when REGULATION_PROFILE names no shipped profile, or a document that is missing, not JSON or not a valid profile, then the start stops naming the variable and the problem', () => {
    expect(() => readGatewayConfig({ REGULATION_PROFILE: 'zhoucun-2019' })).toThrow(
      'Configuration error: REGULATION_PROFILE "zhoucun-2019" is not a usable regulation profile: no profile "zhoucun-2019": the platform ships zhoucun-2018, provincial-two-step',
    );
    const dir = mkdtempSync(join(tmpdir(), 'zhoucun-profile-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    expect(() => readGatewayConfig({ REGULATION_PROFILE: join(dir, 'missing.json') })).toThrow(/REGULATION_PROFILE .* cannot read .*missing.json: ENOENT/);
    writeFileSync(join(dir, 'broken.json'), '{ "name": ');
    expect(() => readGatewayConfig({ REGULATION_PROFILE: join(dir, 'broken.json') })).toThrow(/REGULATION_PROFILE .* is not JSON/);
    writeFileSync(join(dir, 'invalid.json'), JSON.stringify({ ...requireShippedProfile('zhoucun-2018'), name: 'invalid', disputes: { answerWorkingDays: 0 } }));
    expect(() => readGatewayConfig({ REGULATION_PROFILE: join(dir, 'invalid.json') })).toThrow(/REGULATION_PROFILE .* disputes\.answerWorkingDays: Too small/);
    writeFileSync(join(dir, 'huge.json'), `{"name":"huge","title":"${'x'.repeat(70_000)}"}`);
    expect(() => readGatewayConfig({ REGULATION_PROFILE: join(dir, 'huge.json') })).toThrow(/larger than 65536 bytes/);
  });

  it('when the notification settings are not set, then no automatic escalation, 10 attempts of at most 10 s, loopback refused; bad values stop the start', () => {
    expect(readGatewayConfig({}).notifications).toEqual({
      autoEscalateOverdue: false,
      sweepIntervalMs: 60_000,
      delivery: { maxAttempts: 10, timeoutMs: 10_000, retryBaseMs: 30_000, allowLoopback: false },
    });
    expect(readGatewayConfig({ AUTO_ESCALATE_OVERDUE: 'true', WEBHOOK_MAX_ATTEMPTS: '3' }).notifications).toMatchObject({
      autoEscalateOverdue: true,
      delivery: { maxAttempts: 3 },
    });
    expect(() => readGatewayConfig({ AUTO_ESCALATE_OVERDUE: 'yes' })).toThrow('Configuration error: AUTO_ESCALATE_OVERDUE must be true or false, got "yes"');
    expect(() => readGatewayConfig({ WEBHOOK_MAX_ATTEMPTS: '31' })).toThrow('Configuration error: WEBHOOK_MAX_ATTEMPTS must be at most 30, got "31"');
    expect(() => readGatewayConfig({ WEBHOOK_TIMEOUT_MS: '0' })).toThrow('Configuration error: WEBHOOK_TIMEOUT_MS must be a positive integer, got "0"');
  });

  const OIDC = {
    OIDC_ISSUER: 'https://id.zhoucun.gov.cn/realms/district',
    OIDC_CLIENT_ID: 'zhoucun-console',
    OIDC_CLIENT_SECRET: 'a-secret-of-enough-length',
    OIDC_REDIRECT_URI: 'https://share.zhoucun.gov.cn/auth/oidc/callback',
  };

  it('when OIDC_ISSUER is not set, then the OpenID Connect sign-in is off; when set, its claims and session default', () => {
    expect(readGatewayConfig({}).oidc).toBeUndefined();
    expect(readGatewayConfig(OIDC).oidc).toEqual({
      issuer: OIDC.OIDC_ISSUER,
      clientId: 'zhoucun-console',
      clientSecret: 'a-secret-of-enough-length',
      redirectUri: OIDC.OIDC_REDIRECT_URI,
      scopes: 'openid profile',
      departmentClaim: 'dept',
      rolesClaim: 'roles',
      sessionHours: 8,
    });
  });

  it.each([
    [{ OIDC_CLIENT_ID: '' }, 'OIDC_CLIENT_ID must be set when OIDC_ISSUER is set'],
    [{ OIDC_CLIENT_SECRET: 'short' }, 'OIDC_CLIENT_SECRET must be set (at least 16 characters)'],
    [{ OIDC_REDIRECT_URI: '' }, 'OIDC_REDIRECT_URI must be set when OIDC_ISSUER is set'],
    [{ OIDC_REDIRECT_URI: 'http://share.zhoucun.gov.cn/auth/oidc/callback' }, 'OIDC_REDIRECT_URI must be https (http only on a loopback host)'],
    [{ OIDC_ISSUER: 'not a url' }, 'OIDC_ISSUER must be a URL'],
    [{ OIDC_ISSUER: 'javascript:alert(1)' }, 'OIDC_ISSUER must be https'],
    [{ OIDC_SCOPES: 'profile' }, 'OIDC_SCOPES must include openid'],
    [{ OIDC_DEPARTMENT_CLAIM: 'dept\u0000' }, 'OIDC_DEPARTMENT_CLAIM must be a claim name'],
    [{ OIDC_ROLES_CLAIM: 'r'.repeat(200) }, 'OIDC_ROLES_CLAIM must be a claim name'],
    [{ OIDC_SESSION_HOURS: '25' }, 'OIDC_SESSION_HOURS must be at most 24'],
  ])('when an OpenID Connect setting is bad (%o), then the start stops naming it', (bad, message) => {
    expect(() => readGatewayConfig({ ...OIDC, ...bad })).toThrow(`Configuration error: ${message}`);
  });

  it('when METRICS_PORT is not set, then metrics are served on 127.0.0.1:9464; 0 or off serves none; anything else stops the start', () => {
    expect(readGatewayConfig({}).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(readGatewayConfig({ METRICS_PORT: '9100', METRICS_HOST: '0.0.0.0' }).metrics).toEqual({ host: '0.0.0.0', port: 9100 });
    expect(readGatewayConfig({ METRICS_PORT: '0' }).metrics).toBeUndefined();
    expect(readGatewayConfig({ METRICS_PORT: 'off', SUBGRAPH_METRICS_PORT: 'off' })).toMatchObject({ metrics: undefined, subgraphMetrics: undefined });
    expect(() => readGatewayConfig({ METRICS_PORT: '9'.repeat(400) })).toThrow('Configuration error: METRICS_PORT must be a port number');
    expect(() => readGatewayConfig({ SUBGRAPH_METRICS_PORT: '-1' })).toThrow('Configuration error: SUBGRAPH_METRICS_PORT must be a port number');
  });

  it('when the subgraph timeout, breaker and drain settings are out of bounds, then the start stops naming them', () => {
    expect(readGatewayConfig({}).subgraphGuard).toEqual({ timeoutMs: 10_000, failures: 5, halfOpenAfterMs: 10_000 });
    expect(readGatewayConfig({}).drainGraceMs).toBe(5_000);
    expect(readGatewayConfig({ DRAIN_GRACE_MS: '0' }).drainGraceMs).toBe(0);
    expect(() => readGatewayConfig({ SUBGRAPH_TIMEOUT_MS: '0' })).toThrow('Configuration error: SUBGRAPH_TIMEOUT_MS must be a positive integer, got "0"');
    expect(() => readGatewayConfig({ SUBGRAPH_TIMEOUT_MS: '120001' })).toThrow('Configuration error: SUBGRAPH_TIMEOUT_MS must be at most 120000');
    expect(() => readGatewayConfig({ SUBGRAPH_BREAKER_FAILURES: '2.5' })).toThrow('Configuration error: SUBGRAPH_BREAKER_FAILURES must be a positive integer');
    expect(() => readGatewayConfig({ DRAIN_TIMEOUT_MS: 'forever' })).toThrow('Configuration error: DRAIN_TIMEOUT_MS must be a positive integer');
  });

  it.each([['0'], ['19'], ['96'], ['-5'], ['55abc'], ['5.5'], ['1e2'], ['9'.repeat(400)], ['\u0000']])(
    'when SHED_HEAP_USED_PERCENT is %j, then the start stops naming it',
    (bad) => {
      expect(() => readGatewayConfig({ SHED_HEAP_USED_PERCENT: bad })).toThrow(/^Configuration error: SHED_HEAP_USED_PERCENT must be/);
    },
  );

  it('when SHED_HEAP_USED_PERCENT is not set, then requests are shed above 60 % of the heap limit; 20 and 95 are accepted', () => {
    expect(readGatewayConfig({}).shedHeapUsedPercent).toBe(60);
    expect(readGatewayConfig({ SHED_HEAP_USED_PERCENT: '20' }).shedHeapUsedPercent).toBe(20);
    expect(readGatewayConfig({ SHED_HEAP_USED_PERCENT: '95' }).shedHeapUsedPercent).toBe(95);
  });

  it('art-14: when FRESHNESS_READ_INTERVAL_SECONDS is not set, then 900 s; below 60 s, above a day or not a whole number, then the start stops naming it', () => {
    expect(readGatewayConfig({}).freshnessReadIntervalSeconds).toBe(900);
    expect(readGatewayConfig({ FRESHNESS_READ_INTERVAL_SECONDS: '60' }).freshnessReadIntervalSeconds).toBe(60);
    expect(readGatewayConfig({ FRESHNESS_READ_INTERVAL_SECONDS: '86400' }).freshnessReadIntervalSeconds).toBe(86_400);
    const problems: Record<string, string> = {
      '0': 'must be a positive integer, got "0"',
      '-60': 'must be a positive integer, got "-60"',
      '1': 'must be at least 60, got "1"',
      '59': 'must be at least 60, got "59"',
      '86401': 'must be at most 86400, got "86401"',
      [`${'9'.repeat(400)}`]: 'must be a positive integer',
      '1e400': 'must be a positive integer',
      '90.5': 'must be a positive integer',
      often: 'must be a positive integer, got "often"',
      '60abc': 'must be a positive integer, got "60abc"',
    };
    for (const [raw, problem] of Object.entries(problems)) {
      expect(() => readGatewayConfig({ FRESHNESS_READ_INTERVAL_SECONDS: raw }), raw).toThrow(`Configuration error: FRESHNESS_READ_INTERVAL_SECONDS ${problem}`);
    }
  });
});
