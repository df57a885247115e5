import { decodeJwt, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { hashRequestBody } from '../../platform/gateway-call.ts';
import { CALL_TOKEN_LIFETIME_SECONDS, createSubgraphCallSigner } from './sign-subgraph-call.ts';

const IDENTITY = { app: 'means-test', dept: 'civil-affairs', roles: ['consumer'], purpose: 'ADMINISTRATIVE_BASIS' };
const BODY = '{"query":"{ _entities(representations: $r) { ... on Resident { monthlyPension } } }","variables":{"r":[]}}';

async function setup() {
  const { privateKey } = await generateKeyPair('EdDSA');
  let clock = Date.UTC(2026, 10, 27, 8);
  const sign = createSubgraphCallSigner(privateKey, () => clock);
  return { sign, advance: (ms: number) => void (clock += ms) };
}

describe('subgraph call signatures', () => {
  it('when a call is signed, then the token names the subgraph and the consumer and carries the SHA-256 of the body', async () => {
    const { sign } = await setup();
    const claims = decodeJwt(await sign('human-resources', IDENTITY, BODY));
    expect(claims).toMatchObject({
      iss: 'zhoucun-gateway',
      aud: 'human-resources',
      sub: 'means-test',
      dept: 'civil-affairs',
      roles: ['consumer'],
      purpose: 'ADMINISTRATIVE_BASIS',
      bh: hashRequestBody(BODY),
    });
    expect(claims.exp! - claims.iat!).toBe(CALL_TOKEN_LIFETIME_SECONDS);
  });

  it('when the same call repeats within half the lifetime, then the token is reused; another body or consumer gets its own', async () => {
    const { sign, advance } = await setup();
    const first = await sign('human-resources', IDENTITY, BODY);
    advance(29_000);
    expect(await sign('human-resources', IDENTITY, BODY)).toBe(first);
    expect(await sign('human-resources', IDENTITY, `${BODY} `)).not.toBe(first);
    expect(await sign('human-resources', { ...IDENTITY, purpose: 'WORK_REFERENCE' }, BODY)).not.toBe(first);
    expect(await sign('public-security', IDENTITY, BODY)).not.toBe(first);
    advance(1_000);
    expect(await sign('human-resources', IDENTITY, BODY)).not.toBe(first);
  });
});
