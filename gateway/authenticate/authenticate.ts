/**
 * Step 1, authenticate: a consumer application proves who it is and which department it acts for
 * with a JWT (claims `sub`, `dept`, `roles`). Anything missing, malformed, expired, signed by
 * another key or naming an unknown department or role is refused.
 * Serves art. 5(4): identity authentication.
 */
import { jwtVerify, type CryptoKey, type JWTPayload, type KeyObject } from 'jose';
import { ROLES, type Consumer, type Role } from '../../policies/types.ts';
import { APP_ID_TEXT, readConsumerText } from '../admit/read-consumer-text.ts';

export const TOKEN_ISSUER = 'zhoucun-platform';
export const TOKEN_AUDIENCE = 'zhoucun-gateway';

export type Authentication = { consumer: Consumer } | { refused: string };

/** Default longest token lifetime (`exp` − `iat`) accepted; `npm run token` issues 12 h tokens. */
const TOKEN_MAX_LIFETIME_SECONDS = 24 * 3600;
/** How far the issuer's clock may run ahead of the gateway's: an `iat` up to this far in the future is accepted. `exp` is strict. */
const TOKEN_CLOCK_SKEW_SECONDS = 60;

export interface AuthenticatorOptions {
  publicKey: CryptoKey | KeyObject;
  departments: readonly string[];
  /** Longest `exp` − `iat` accepted; default TOKEN_MAX_LIFETIME_SECONDS. A leaked token stays usable at most this long. */
  maxLifetimeSeconds?: number;
}

function readConsumer(payload: JWTPayload, departments: readonly string[]): Authentication {
  const { sub, dept, roles } = payload as { sub?: unknown; dept?: unknown; roles?: unknown };
  if (typeof sub !== 'string' || sub.length === 0) return { refused: 'the token has no application id (sub)' };
  // The application id goes into every audit record: bounded and plain, or the token is refused.
  const app = readConsumerText(sub, APP_ID_TEXT);
  if ('problem' in app) return { refused: `the token's ${app.problem}` };
  if (typeof dept !== 'string' || !departments.includes(dept)) return { refused: `the token names no known department (dept: ${JSON.stringify(dept)})` };
  const isRoleSet =
    Array.isArray(roles) && roles.length > 0 && new Set(roles).size === roles.length && roles.every((role) => (ROLES as readonly unknown[]).includes(role));
  if (!isRoleSet) {
    return { refused: `the token's roles must be a non-empty subset of ${ROLES.join(', ')}, each named once` };
  }
  return { consumer: { app: app.text, dept, roles: roles as Role[] } };
}

export function createAuthenticator(options: AuthenticatorOptions): (authorization: string | undefined, now?: number) => Promise<Authentication> {
  // Verified signatures are remembered until the token expires (consumer apps reuse one token for many
  // requests); the claims are read again on every request, against the departments registered now, so a
  // department registered or removed counts from the next request.
  const verified = new Map<string, { payload: JWTPayload; expiresAt: number }>();
  const maxLifetime = options.maxLifetimeSeconds ?? TOKEN_MAX_LIFETIME_SECONDS;
  return async (authorization, now = Date.now()) => {
    const match = authorization ? /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(authorization.trim()) : null;
    if (!match) return { refused: authorization ? 'the Authorization header is not "Bearer <JWT>"' : 'no Authorization header' };
    const token = match[1]!;
    const remembered = verified.get(token);
    if (remembered && remembered.expiresAt > now) return readConsumer(remembered.payload, options.departments);
    try {
      const { payload } = await jwtVerify(token, options.publicKey, {
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        algorithms: ['EdDSA'],
        requiredClaims: ['exp', 'iat'],
        currentDate: new Date(now),
      });
      // A future `iat` would let a token outlive the lifetime it states; a long one outlives a leak.
      if (payload.iat! > now / 1000 + TOKEN_CLOCK_SKEW_SECONDS) return { refused: 'the token was issued in the future (iat)' };
      if (payload.exp! - payload.iat! > maxLifetime) return { refused: `the token's lifetime (exp − iat) exceeds ${maxLifetime / 3600} hours` };
      if (verified.size >= 10_000) verified.clear();
      verified.set(token, { payload, expiresAt: (payload.exp ?? 0) * 1000 });
      return readConsumer(payload, options.departments);
    } catch (error) {
      const { code, claim } = error as { code?: string; claim?: string };
      if (code === 'ERR_JWT_EXPIRED') return { refused: 'the token has expired' };
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'iat') return { refused: 'the token has no valid issue time (iat)' };
      return { refused: 'the token is not valid for this platform' };
    }
  };
}
