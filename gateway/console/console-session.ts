/**
 * The console's session after an OpenID Connect sign-in: a cookie holding the person's application
 * id, department and roles, encrypted and authenticated (JWE, A256GCM) with a key derived from the
 * client secret, so every gateway instance of the platform reads it and nobody can forge or read it.
 * HttpOnly, SameSite=Strict (never sent by another site's page), Secure and `__Host-` on https.
 * On `/graphql` it counts only without an Authorization header and only from the console's own
 * origin (Origin and Sec-Fetch-Site checked when the browser sends them); Apollo's CSRF prevention
 * stays on. The department is read against the registry on every request, as a token's.
 */
import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { Authentication } from '../authenticate/authenticate.ts';
import { readOidcClaims, type ClaimNames } from './oidc-claims.ts';

/** The claims a sealed session holds (`oidc-sign-in.ts` seals `sub`, `dept`, `roles`). */
const SESSION_CLAIMS: ClaimNames = { departmentClaim: 'dept', rolesClaim: 'roles' };

export interface CookieSettings {
  /** https: Secure and the `__Host-` prefix; http only on a loopback host (development and tests). */
  secure: boolean;
  /** The console's origin (scheme, host, port), from the redirect URI. */
  origin: string;
}

export const cookieName = (base: string, settings: CookieSettings) => (settings.secure ? `__Host-${base}` : base);

/** A key per purpose (session, sign-in in progress), derived from the client secret. */
export function deriveKey(secret: string, purpose: 'session' | 'sign-in'): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'zhoucun-console', purpose, 32));
}

export async function seal(payload: Record<string, unknown>, key: Uint8Array, seconds: number): Promise<string> {
  return new EncryptJWT(payload).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).setIssuedAt().setExpirationTime(`${seconds}s`).encrypt(key);
}

/** The sealed payload, or undefined when absent, altered, sealed with another key or expired. */
export async function unseal(value: string | undefined, key: Uint8Array): Promise<Record<string, unknown> | undefined> {
  if (!value || value.length > 4096) return undefined;
  try {
    return (await jwtDecrypt(value, key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] })).payload;
  } catch {
    return undefined;
  }
}

/** One cookie's value from a Cookie header (the last one wins if repeated). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  let found: string | undefined;
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) found = part.slice(at + 1).trim();
  }
  return found;
}

export function setCookie(
  name: string,
  value: string,
  settings: CookieSettings,
  options: { path: string; sameSite: 'Strict' | 'Lax'; maxAge: number },
): string {
  return [
    `${name}=${value}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAge}`,
    'HttpOnly',
    `SameSite=${options.sameSite}`,
    ...(settings.secure ? ['Secure'] : []),
  ].join('; ');
}

/**
 * The consumer a session cookie stands for, read against the departments registered now, by the same
 * rules as the identity it was sealed from (`readOidcClaims`): a registry department, a well-formed
 * application id, each role once, platform-admin only for the operator.
 */
export function consumerOfSession(payload: Record<string, unknown>, departments: readonly string[]): Authentication {
  return readOidcClaims(payload, SESSION_CLAIMS, departments);
}

/** A cookie session is the console's own: another origin (or a cross-site fetch) never rides on it. */
export function crossSiteProblem(headers: Readonly<Record<string, string | string[] | undefined>>, settings: CookieSettings): string | undefined {
  const origin = headers['origin'];
  if (origin !== undefined && origin !== settings.origin) return 'a console session is used only from the console itself (Origin)';
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return 'a console session is used only from the console itself (Sec-Fetch-Site)';
  return undefined;
}
