import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { publicSecurity } from '../public-security/definition.ts';
import { DEMO } from './district.ts';
import { classifyRequest } from './gateway-boundary.ts';
import { entitiesQuery, setupSubgraph } from './test-harness.ts';
import { GATEWAY_ISSUER } from '../../platform/gateway-call.ts';

const CRIMINAL_RECORD = JSON.stringify({
  query: entitiesQuery('Resident', 'criminalRecord'),
  variables: { representations: [{ __typename: 'Resident', citizenId: DEMO.resident }] },
});

describe('classifyRequest', () => {
  it('when the request line is exactly POST /graphql or GET /healthz, then it is served', () => {
    expect(classifyRequest('POST', '/graphql')).toEqual({ route: 'graphql' });
    expect(classifyRequest('GET', '/healthz')).toEqual({ route: 'health' });
  });

  it.each([
    '/graphql/',
    '//graphql',
    '/%67raphql',
    '/GRAPHQL',
    '/graphql;x',
    '/./graphql',
    '/x/../graphql',
    '/graphql?',
    '/graphql?query={__typename}',
    '/graphql#f',
    'http://127.0.0.1:4101/graphql',
    '*',
    '/graphiql',
    '/',
    '',
    '__proto__',
    '/healthz?x',
    undefined,
  ])('when the target is %j, then the route is not found, whatever the method', (target) => {
    for (const method of ['POST', 'GET']) expect(classifyRequest(method, target)).toEqual({ refused: 'ROUTE_NOT_FOUND' });
  });

  it.each([
    ['GET', '/graphql', 'POST'],
    ['HEAD', '/graphql', 'POST'],
    ['OPTIONS', '/graphql', 'POST'],
    ['post', '/graphql', 'POST'],
    ['POST', '/healthz', 'GET'],
    ['HEAD', '/healthz', 'GET'],
  ])('when %s %s is asked, then the method is not allowed and %s is named', (method, target, allow) => {
    expect(classifyRequest(method, target)).toEqual({ refused: 'METHOD_NOT_ALLOWED', allow });
  });
});

describe('the gateway boundary of a subgraph', () => {
  it('when a signed call is posted with the body it was signed for, then it is answered', async () => {
    const subgraph = await setupSubgraph(publicSecurity);
    const response = await subgraph.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await subgraph.signToken(CRIMINAL_RECORD)}` },
      payload: CRIMINAL_RECORD,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().data._entities).toHaveLength(1);
  });

  it.each([
    ['other representations', CRIMINAL_RECORD.replace(DEMO.resident, DEMO.legalRepresentative)],
    ['another query', JSON.stringify({ query: '{ _service { sdl } }' })],
    ['the same JSON spelled with other whitespace', JSON.stringify(JSON.parse(CRIMINAL_RECORD), null, 2)],
    ['an empty body', ''],
  ])('when a signature is replayed with %s, then it is 401 UNAUTHENTICATED and the store is not asked', async (_label, body) => {
    const subgraph = await setupSubgraph(publicSecurity);
    const token = await subgraph.signToken(CRIMINAL_RECORD);
    const response = await subgraph.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      payload: body,
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      errors: [{ message: 'Unauthenticated: the gateway signature does not cover this request body', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(subgraph.storeCalls('findResidents')).toEqual([]);
  });

  it.each(['application/graphql', 'text/plain', undefined])(
    'when a signed body is sent as %s, then it is 401: only JSON is hashed and parsed',
    async (contentType) => {
      const subgraph = await setupSubgraph(publicSecurity);
      const query = '{ _service { sdl } }';
      const response = await subgraph.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { ...(contentType ? { 'content-type': contentType } : {}), authorization: `Bearer ${await subgraph.signToken(query)}` },
        payload: query,
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().data).toBeUndefined();
    },
  );

  it('when a gateway signature carries no body hash, then it is 401 however valid it is otherwise', async () => {
    const subgraph = await setupSubgraph(publicSecurity);
    const unbound = await new SignJWT({ dept: 'civil-affairs' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience('public-security')
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(subgraph.gatewayPrivateKey);
    const response = await subgraph.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${unbound}` },
      payload: CRIMINAL_RECORD,
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('when a query is sent by GET with a valid signature, then it is refused before Mercurius', async () => {
    const subgraph = await setupSubgraph(publicSecurity);
    const response = await subgraph.app.inject({
      method: 'GET',
      url: `/graphql?query=${encodeURIComponent('{ _service { sdl } }')}`,
      headers: { authorization: `Bearer ${await subgraph.signToken('')}` },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ errors: [{ message: expect.stringMatching(/^No such endpoint/), extensions: { code: 'ROUTE_NOT_FOUND' } }] });
  });

  it('when /graphql is asked with OPTIONS, then it is 405 and Allow names POST', async () => {
    const subgraph = await setupSubgraph(publicSecurity);
    const response = await subgraph.app.inject({ method: 'OPTIONS', url: '/graphql' });
    expect([response.statusCode, response.headers['allow'], response.json().errors[0].extensions.code]).toEqual([405, 'POST', 'METHOD_NOT_ALLOWED']);
  });

  it('art-14: when /healthz is asked, then it answers without any signature, with the data-as-of date of each resource', async () => {
    const subgraph = await setupSubgraph(publicSecurity);
    const response = await subgraph.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.json()).toEqual({
      status: 'ok',
      department: 'public-security',
      freshness: [{ resource: 'Resident', dataAsOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }],
    });
  });
});
