/**
 * Step 5, the gateway's signature on every subgraph call: a short-lived EdDSA JWS addressed to one
 * subgraph (audience), naming the consumer application, department, roles and purpose, and bound to
 * the exact request body (claim `bh`, SHA-256): a captured signature cannot carry another query or
 * other entities. Identical calls repeat (same consumer, same query, same entities), so a token is
 * reused for identical calls for half its lifetime and signing stays off most calls' path.
 * Serves art. 12: subgraphs answer only the platform.
 */
import { SignJWT, type CryptoKey } from 'jose';
import { BODY_HASH_CLAIM, GATEWAY_ISSUER, hashRequestBody } from '../../platform/gateway-call.ts';

export const CALL_TOKEN_LIFETIME_SECONDS = 60;

const MAX_ISSUED = 10_000;

export interface CallIdentity {
  app: string;
  dept: string;
  roles: readonly string[];
  purpose: string | undefined;
}

/** Signs one call to `subgraph` for `identity`; `body` is the request body exactly as it is sent. */
export type SignSubgraphCall = (subgraph: string, identity: CallIdentity, body: string) => Promise<string>;

export function createSubgraphCallSigner(privateKey: CryptoKey, now: () => number = Date.now): SignSubgraphCall {
  const issued = new Map<string, { token: Promise<string>; renewAt: number }>();
  return (subgraph, identity, body) => {
    const bodyHash = hashRequestBody(body);
    const key = `${subgraph}\n${identity.app}\n${identity.dept}\n${identity.roles.join(',')}\n${identity.purpose ?? ''}\n${bodyHash}`;
    const at = now();
    const current = issued.get(key);
    if (current && current.renewAt > at) return current.token;
    const issuedAt = Math.floor(at / 1000);
    const token = new SignJWT({
      dept: identity.dept,
      roles: [...identity.roles],
      ...(identity.purpose ? { purpose: identity.purpose } : {}),
      [BODY_HASH_CLAIM]: bodyHash,
    })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience(subgraph)
      .setSubject(identity.app)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + CALL_TOKEN_LIFETIME_SECONDS)
      .sign(privateKey);
    if (current) issued.delete(key);
    // Oldest first out (Map iteration follows insertion order): a flood of distinct calls costs signatures, not memory.
    if (issued.size >= MAX_ISSUED) issued.delete(issued.keys().next().value!);
    issued.set(key, { token, renewAt: at + (CALL_TOKEN_LIFETIME_SECONDS * 1000) / 2 });
    return token;
  };
}
