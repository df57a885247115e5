/**
 * The gateway's call signature as both sides read it (art. 12): the issuer, the claim binding a
 * signature to one request body, and that body's hash. The gateway signs with it
 * (`gateway/sign/sign-subgraph-call.ts`); every subgraph verifies with it
 * (`subgraphs/shared/verify-gateway-call.ts`).
 */
import { createHash } from 'node:crypto';

export const GATEWAY_ISSUER = 'zhoucun-gateway';

/** The claim holding the hash of the request body a signature was made for. */
export const BODY_HASH_CLAIM = 'bh';

/** SHA-256 of a request body, base64url: what the gateway signs and the subgraph recomputes. */
export function hashRequestBody(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}
