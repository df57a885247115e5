/**
 * Subgraphs answer only the gateway (art. 12): every call must carry a short-lived EdDSA JWS
 * signed by the gateway, addressed to this subgraph, and bound to the exact body it came with
 * (claim `bh`, checked by the boundary against the bytes received). `_entities` and `_service` included.
 */
import { errors as joseErrors, type JWTPayload } from 'jose';
import { BODY_HASH_CLAIM, GATEWAY_ISSUER } from '../../platform/gateway-call.ts';
import { jwtVerifyWithKeySet, type PublicKeySet } from '../../platform/key-set.ts';

export interface GatewayCall {
  consumerDept: string;
  consumerApp: string;
  /** The consumer's roles, as the gateway authenticated them. */
  consumerRoles: string[];
  purpose: string | undefined;
  /** Hash of the only request body this signature vouches for. */
  bodyHash: string;
}

export type VerifyGatewayCall = (authorization: string | undefined) => Promise<GatewayCall | { refused: string }>;

const MAX_REMEMBERED = 10_000;

/**
 * Builds a verifier bound to one subgraph (the audience) and the gateway's public keys: every current
 * and retired key of the set is accepted, so a gateway restarted with a rotated key is answered.
 */
export function createGatewayCallVerifier(audience: string, gatewayKeys: PublicKeySet): VerifyGatewayCall {
  // Verified tokens are remembered until they expire: the gateway reuses a token for identical calls.
  // A token implies its body hash, so remembering it never spares the per-request body check.
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
        requiredClaims: ['exp', 'iat', BODY_HASH_CLAIM],
      }));
    } catch (error) {
      const reason = error instanceof joseErrors.JWTExpired ? 'the gateway signature has expired' : 'the gateway signature is not valid for this service';
      return { refused: reason };
    }
    const bodyHash = payload[BODY_HASH_CLAIM];
    if (typeof bodyHash !== 'string' || bodyHash === '') return { refused: 'the gateway signature is not bound to a request body' };
    const call: GatewayCall = {
      consumerDept: String(payload['dept'] ?? ''),
      consumerApp: String(payload.sub ?? ''),
      consumerRoles: Array.isArray(payload['roles']) ? payload['roles'].map(String) : [],
      purpose: typeof payload['purpose'] === 'string' ? payload['purpose'] : undefined,
      bodyHash,
    };
    if (remembered) verified.delete(token);
    // Oldest first out: Map iteration follows insertion order.
    if (verified.size >= MAX_REMEMBERED) verified.delete(verified.keys().next().value!);
    verified.set(token, { call, expiresAt: (payload.exp ?? 0) * 1000 });
    return call;
  };
}
