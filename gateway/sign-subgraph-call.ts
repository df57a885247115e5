/**
 * Step 5, the gateway's signature on every subgraph call: a short-lived EdDSA JWS addressed to one
 * subgraph (audience), naming the consumer application, department, roles and purpose. Tokens are reused
 * for half their lifetime so that signing is not on every call's path.
 * Serves art. 12: subgraphs answer only the platform.
 */
import { SignJWT, type CryptoKey } from 'jose';
import { GATEWAY_ISSUER } from '../subgraphs/shared/verify-gateway-call.ts';

export const CALL_TOKEN_LIFETIME_SECONDS = 60;

export interface CallIdentity {
  app: string;
  dept: string;
  roles: readonly string[];
  purpose: string | undefined;
}

export type SignSubgraphCall = (subgraph: string, identity: CallIdentity) => Promise<string>;

export function createSubgraphCallSigner(privateKey: CryptoKey, now: () => number = Date.now): SignSubgraphCall {
  const issued = new Map<string, { token: Promise<string>; renewAt: number }>();
  return (subgraph, identity) => {
    const key = `${subgraph}\n${identity.app}\n${identity.dept}\n${identity.roles.join(',')}\n${identity.purpose ?? ''}`;
    const at = now();
    const current = issued.get(key);
    if (current && current.renewAt > at) return current.token;
    const issuedAt = Math.floor(at / 1000);
    const token = new SignJWT({ dept: identity.dept, roles: [...identity.roles], ...(identity.purpose ? { purpose: identity.purpose } : {}) })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience(subgraph)
      .setSubject(identity.app)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + CALL_TOKEN_LIFETIME_SECONDS)
      .sign(privateKey);
    if (issued.size >= 10_000) issued.clear();
    issued.set(key, { token, renewAt: at + (CALL_TOKEN_LIFETIME_SECONDS * 1000) / 2 });
    return token;
  };
}
