import { describe, expect, it } from 'vitest';
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
});
