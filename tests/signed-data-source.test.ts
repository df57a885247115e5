import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { decodeJwt, generateKeyPair } from 'jose';
import { describe, expect, it, onTestFinished } from 'vitest';
import { publicSecurity } from '../subgraphs/public-security/definition.ts';
import { createSubgraphServer } from '../subgraphs/shared/create-subgraph-server.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { hashRequestBody } from '../platform/gateway-call.ts';
import type { GatewayContext } from '../gateway/gateway-context.ts';
import { createSubgraphCallSigner } from '../gateway/sign/sign-subgraph-call.ts';
import { SignedDataSource } from '../gateway/sign/signed-data-source.ts';

const CONSUMER: Pick<GatewayContext, 'consumer' | 'use'> = {
  consumer: { app: 'test-app', dept: 'civil-affairs', roles: ['consumer'] },
  use: { purpose: 'ADMINISTRATIVE_BASIS' },
} as never;

/** What `@apollo/gateway` hands a data source for one fetch of an incoming operation. */
function fetchOf(query: string, variables: Record<string, unknown>, context: Partial<GatewayContext>) {
  return { kind: 'incoming operation', request: { query, variables }, context, incomingRequestContext: { context } } as never;
}

describe('SignedDataSource', () => {
  it('when a call has no authenticated consumer, then it is neither signed nor sent (fail closed)', async () => {
    let received = 0;
    const server = createServer((_request, response) => void (received++, response.end('{}')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => void server.close());
    const { privateKey } = await generateKeyPair('EdDSA');
    const source = new SignedDataSource({
      name: 'public-security',
      url: `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`,
      sign: createSubgraphCallSigner(privateKey),
    });
    await expect(source.process(fetchOf('{ __typename }', {}, {}))).rejects.toThrow(/without an authenticated consumer/);
    expect(received).toBe(0);
  });

  it('when a call is sent, then its signature carries the hash of the very bytes the subgraph received, and the subgraph answers it', async () => {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const subgraph = await createSubgraphServer(publicSecurity, { gatewayKeys: publicKey });
    const seen: Array<{ authorization: string; body: Buffer }> = [];
    subgraph.addHook('preParsing', async (request, _reply, payload) => {
      const chunks: Buffer[] = [];
      for await (const chunk of payload) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      seen.push({ authorization: String(request.headers.authorization), body });
      return Readable.from([body]);
    });
    const url = await subgraph.listen({ host: '127.0.0.1', port: 0 });
    onTestFinished(() => subgraph.close());
    const source = new SignedDataSource({ name: 'public-security', url: `${url}/graphql`, sign: createSubgraphCallSigner(privateKey) });
    const query = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Resident { name } } }';
    const response = await source.process(
      fetchOf(query, { representations: [{ __typename: 'Resident', citizenId: DEMO.resident }] }, { ...CONSUMER, served: {} }),
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ _entities: [{ name: '王淑芬' }] });
    expect(seen).toHaveLength(1);
    const claims = decodeJwt(seen[0]!.authorization.slice('Bearer '.length));
    expect(claims).toMatchObject({
      aud: 'public-security',
      sub: 'test-app',
      dept: 'civil-affairs',
      purpose: 'ADMINISTRATIVE_BASIS',
      bh: hashRequestBody(seen[0]!.body),
    });
  });
});
