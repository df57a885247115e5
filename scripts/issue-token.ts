/** Issues a consumer token with the demo issuer key (what `npm run token` prints). */
import { SignJWT, type CryptoKey } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../gateway/authenticate/authenticate.ts';
import type { Role } from '../policies/types.ts';

export interface TokenRequest {
  dept: string;
  roles?: readonly Role[];
  app?: string;
  /** Lifetime, e.g. `12h`; default 12 hours. */
  expiresIn?: string | number;
}

export function issueToken(privateKey: CryptoKey, request: TokenRequest): Promise<string> {
  return new SignJWT({ dept: request.dept, roles: [...(request.roles ?? ['consumer'])] })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(request.app ?? `${request.dept}-app`)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '12h')
    .sign(privateKey);
}
