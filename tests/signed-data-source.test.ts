import { createServer, type RequestListener } from 'node:http';
import { createRequire } from 'node:module';
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
import { SUBGRAPH_ANSWER_MAX_BYTES } from '../gateway/sign/pooled-fetcher.ts';

const CONSUMER: Pick<GatewayContext, 'consumer' | 'use'> = {
  consumer: { app: 'test-app', dept: 'civil-affairs', roles: ['consumer'] },
  use: { purpose: 'ADMINISTRATIVE_BASIS' },
} as never;

/** What `@apollo/gateway` hands a data source for one fetch of an incoming operation. */
function fetchOf(query: string, variables: Record<string, unknown>, context: Partial<GatewayContext>) {
  return { kind: 'incoming operation', request: { query, variables }, context, incomingRequestContext: { context } } as never;
}

/** A data source for public-security whose calls go to a plain HTTP server answering with `handler`. */
async function sourceServedBy(handler: RequestListener): Promise<SignedDataSource> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => void server.close());
  const { privateKey } = await generateKeyPair('EdDSA');
  return new SignedDataSource({
    name: 'public-security',
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`,
    sign: createSubgraphCallSigner(privateKey),
  });
}

describe('SignedDataSource', () => {
  it('when a call has no authenticated consumer, then it is neither signed nor sent (fail closed)', async () => {
    let received = 0;
    const source = await sourceServedBy((_request, response) => void (received++, response.end('{}')));
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

  it('when @apollo/gateway is upgraded, then this test asks for the sendRequest replacement to be compared with the new version first', () => {
    // SignedDataSource replaces RemoteGraphQLDataSource's private sendRequest as @apollo/gateway 2.14.4 writes it.
    const installed = (createRequire(import.meta.url)('@apollo/gateway/package.json') as { version: string }).version;
    expect(installed, 'compare SignedDataSource#sendRequest with RemoteGraphQLDataSource.sendRequest of this version, then update this test').toBe('2.14.4');
  });

  it('when a provider answers an HTTP error or a body that is not a JSON object, then the call fails as Apollo would fail it and counts as a call that returned nothing', async () => {
    const answers = [
      { status: 500, body: '{"errors":[{"message":"down"}]}', error: /^500: / },
      { status: 200, body: '[{"data":null}]', error: /Expected JSON response body/ },
      { status: 200, body: '{"data":', error: /JSON/ },
    ];
    let next = 0;
    const source = await sourceServedBy((_request, response) => {
      const { status, body } = answers[next++]!;
      response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
    const served = {};
    for (const { error } of answers) await expect(source.process(fetchOf('{ __typename }', {}, { ...CONSUMER, served }))).rejects.toThrow(error);
    expect(served).toEqual({ 'public-security': { calls: 3, entities: 0 } });
    const ok = await sourceServedBy(
      (_request, response) => void response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"__typename":"Query"}}'),
    );
    const answered = await ok.process(fetchOf('{ __typename }', {}, { ...CONSUMER, served }));
    expect(answered.data).toEqual({ __typename: 'Query' });
    expect(answered.http?.status).toBe(200);
  });

  it('when a provider answers more than 8 MiB, then the gateway stops reading it and answers PROVIDER_UNAVAILABLE naming the limit', async () => {
    const source = await sourceServedBy((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`{"data":{"note":"${'x'.repeat(SUBGRAPH_ANSWER_MAX_BYTES)}"}}`);
    });
    const served = {};
    const answered = await source.process(fetchOf('{ note }', {}, { ...CONSUMER, served }));
    expect(answered.errors).toEqual([
      { message: expect.stringMatching(/^public-security could not be reached: its answer exceeded 8 MiB/), extensions: { code: 'PROVIDER_UNAVAILABLE' } },
    ]);
    expect(answered.data).toBeUndefined();
    expect(served).toEqual({ 'public-security': { calls: 1, entities: 0 } });
  });

  describe('identical calls in flight', () => {
    /** A stand-in subgraph that holds every answer 100 ms, so that calls started together overlap, and counts what it received. */
    async function slowSubgraph() {
      const received: string[] = [];
      const source = await sourceServedBy((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          received.push(`${request.headers.authorization}\n${Buffer.concat(chunks).toString()}`);
          setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"_entities":[{"name":"王淑芬"}]}}'), 100);
        });
      });
      return { source, received };
    }
    const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { name } } }';
    const KEYS = { r: [{ __typename: 'Resident', citizenId: DEMO.resident }] };
    const OTHER = { consumer: { app: 'other-app', dept: 'approval', roles: ['consumer'] }, use: { purpose: 'ADMINISTRATIVE_BASIS' } } as never;
    const call = (source: SignedDataSource, query: string, consumer: Partial<GatewayContext>, variables: Record<string, unknown> = KEYS) =>
      source.process(fetchOf(query, variables, { ...consumer, served: {} }));

    it('when one consumer sends the same query call twice at once, then one HTTP call is made and each gets its own copy of the answer', async () => {
      const { source, received } = await slowSubgraph();
      const [first, second] = await Promise.all([call(source, ENTITIES, CONSUMER), call(source, ENTITIES, CONSUMER)]);
      expect(received).toHaveLength(1);
      expect(first.data).toEqual({ _entities: [{ name: '王淑芬' }] });
      expect(second.data).toEqual(first.data);
      expect(second.data).not.toBe(first.data);
    });

    it('when two consumers send the same body at once, then each gets its own call signed for itself, never a shared one', async () => {
      const { source, received } = await slowSubgraph();
      const otherPurpose = { ...CONSUMER, use: { purpose: 'WORK_REFERENCE' } } as never;
      await Promise.all([call(source, ENTITIES, CONSUMER), call(source, ENTITIES, OTHER), call(source, ENTITIES, otherPurpose)]);
      expect(received).toHaveLength(3);
      const subjects = received.map((r) => decodeJwt(r.slice('Bearer '.length, r.indexOf('\n'))));
      expect(subjects.map((c) => [c['sub'], c['purpose']])).toEqual(
        expect.arrayContaining([
          ['test-app', 'ADMINISTRATIVE_BASIS'],
          ['other-app', 'ADMINISTRATIVE_BASIS'],
          ['test-app', 'WORK_REFERENCE'],
        ]),
      );
    });

    it('when calls differ in their body, are mutations, or do not overlap, then none is shared', async () => {
      const { source, received } = await slowSubgraph();
      const otherKeys = { r: [{ __typename: 'Resident', citizenId: '370306197811232017' }] };
      await Promise.all([call(source, ENTITIES, CONSUMER), call(source, ENTITIES, CONSUMER, otherKeys)]);
      expect(received).toHaveLength(2);
      const mutation = 'mutation { reportDispute { id } }';
      await Promise.all([call(source, mutation, CONSUMER, {}), call(source, mutation, CONSUMER, {})]);
      expect(received).toHaveLength(4);
      await call(source, ENTITIES, CONSUMER);
      expect(received).toHaveLength(5);
    });

    it('when callers that may abandon share a call, then each stops waiting when it abandons, the call is cancelled only once every one of them abandoned it, and a later caller starts its own', async () => {
      const received: string[] = [];
      const closed: string[] = [];
      // Holds every answer until its connection closes: the call ends only by being cancelled.
      const source = await sourceServedBy((request, response) => {
        request.resume();
        request.on('end', () => received.push(String(received.length)));
        response.on('close', () => closed.push('closed'));
      });
      const abandonable = (signal: AbortSignal) =>
        source.process(fetchOf(ENTITIES, KEYS, { ...CONSUMER, served: {} }), signal).then(
          () => 'answered',
          (error: Error) => error.name,
        );
      const first = new AbortController();
      const second = new AbortController();
      const calls = [abandonable(first.signal), abandonable(second.signal)];
      await expect.poll(() => received.length).toBe(1);
      first.abort();
      // The first caller stops waiting at once; the call goes on for the second.
      expect(await calls[0]).toBe('AbandonedCallError');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(closed).toEqual([]);
      second.abort();
      await expect.poll(() => closed.length).toBe(1);
      expect(await calls[1]).toBe('AbandonedCallError');
      const third = new AbortController();
      const later = abandonable(third.signal);
      await expect.poll(() => received.length).toBe(2);
      third.abort();
      expect(await later).toBe('AbandonedCallError');
    });
  });
});
