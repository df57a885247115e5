import { generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createSubgraphCallSigner } from './sign-subgraph-call.ts';
import { SignedDataSource } from './signed-data-source.ts';

describe('SignedDataSource', () => {
  it('when a call has no authenticated consumer, then it is not signed at all (fail closed)', async () => {
    const { privateKey } = await generateKeyPair('EdDSA');
    const source = new SignedDataSource({ name: 'public-security', url: 'http://127.0.0.1:1/graphql', sign: createSubgraphCallSigner(privateKey) });
    const headers = new Map<string, string>();
    const request = { query: '{ __typename }', http: { headers, method: 'POST', url: '' } };
    await expect(source.willSendRequest({ request, context: {} } as never)).rejects.toThrow(/without an authenticated consumer/);
    expect(headers.has('authorization')).toBe(false);
  });
});
