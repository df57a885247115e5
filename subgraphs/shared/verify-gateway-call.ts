/**
 * Subgraphs answer only the gateway (art. 12): every call must carry a short-lived EdDSA JWS
 * signed by the gateway, addressed to this subgraph. `_entities` and `_service` included.
 */
import { errors as joseErrors, type JWTPayload } from 'jose';
import { jwtVerifyWithKeySet, type PublicKeySet } from '../../gateway/key-set.ts';

export const GATEWAY_ISSUER = 'zhoucun-gateway';

export interface GatewayCall {
  consumerDept: string;
  consumerApp: string;
  /** The consumer's roles, as the gateway authenticated them. */
  consumerRoles: string[];
  purpose: string | undefined;
}

export type VerifyGatewayCall = (authorization: string | undefined) => Promise<GatewayCall | { refused: string }>;

/**
 * Builds a verifier bound to one subgraph (the audience) and the gateway's public keys: every current
 * and retired key of the set is accepted, so a gateway restarted with a rotated key is answered.
 */
export function createGatewayCallVerifier(audience: string, gatewayKeys: PublicKeySet): VerifyGatewayCall {
  // Verified tokens are remembered until they expire: the gateway reuses a token for many calls.
  const verified = new Map<string, { call: GatewayCall; expiresAt: number }>();
  return async (authorization) => {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
    if (!token) return { refused: 'this service answers only calls signed by the sharing gateway' };
    const now = Date.now();
    const remembered = verified.get(token);
    if (remembered && remembered.expiresAt > now) return remembered.call;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerifyWithKeySet(token, gatewayKeys, {
        issuer: GATEWAY_ISSUER,
        audience,
        algorithms: ['EdDSA'],
        requiredClaims: ['exp', 'iat'],
      }));
    } catch (error) {
      const reason = error instanceof joseErrors.JWTExpired ? 'the gateway signature has expired' : 'the gateway signature is not valid for this service';
      return { refused: reason };
    }
    const call: GatewayCall = {
      consumerDept: String(payload['dept'] ?? ''),
      consumerApp: String(payload.sub ?? ''),
      consumerRoles: Array.isArray(payload['roles']) ? payload['roles'].map(String) : [],
      purpose: typeof payload['purpose'] === 'string' ? payload['purpose'] : undefined,
    };
    if (verified.size > 10_000) verified.clear();
    verified.set(token, { call, expiresAt: (payload.exp ?? 0) * 1000 });
    return call;
  };
}
