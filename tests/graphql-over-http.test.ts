/**
 * GraphQL over HTTP: a document that does not parse, validate or take its variables answers 200
 * to a client that asks for `application/json` (the specification's legacy rule), and 4xx to one that
 * accepts `application/graphql-response+json`, sends `*` or no Accept. Refusals that are no GraphQL
 * request error (CSRF prevention, purpose, authentication) keep their status for every Accept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../scripts/issue-token.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { rawRequest, type RawResponse } from './support/raw-http.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';

let platform: TestPlatform;
let token: string;
beforeAll(async () => {
  platform = await startTestPlatform();
  token = await issueToken(platform.tokenIssuer.privateKey, { dept: 'civil-affairs', app: 'http-test' });
});
afterAll(async () => platform?.close());

async function post(body: unknown, headers: Record<string, string>): Promise<RawResponse> {
  return rawRequest(platform.gatewayUrl, {
    method: 'POST',
    target: '/graphql',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-share-purpose': 'ADMINISTRATIVE_BASIS', ...headers },
    body: JSON.stringify(body),
  });
}

const codeOf = (response: RawResponse) => (JSON.parse(response.body) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code;

const REQUEST_ERRORS: Array<[string, unknown, string]> = [
  ['a document that does not parse', { query: '{ resident(' }, 'GRAPHQL_PARSE_FAILED'],
  ['a document that does not validate', { query: '{ noSuchField }' }, 'GRAPHQL_VALIDATION_FAILED'],
  ['a variable that is missing', { query: 'query Q($id: CitizenId!) { resident(citizenId: $id) { name } }' }, 'BAD_USER_INPUT'],
  [
    'a variable of the wrong type',
    { query: 'query Q($id: CitizenId!) { resident(citizenId: $id) { name } }', variables: { id: { nested: [1] } } },
    'BAD_USER_INPUT',
  ],
];

describe('request errors by Accept', () => {
  for (const [what, body, code] of REQUEST_ERRORS) {
    it(`when ${what} is sent with Accept: application/json, then 200 with ${code}, as application/json`, async () => {
      const response = await post(body, { accept: 'application/json' });
      expect([response.status, codeOf(response)]).toEqual([200, code]);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
    });

    it(`when ${what} is sent with Accept: application/graphql-response+json, then 400 with ${code}, as application/graphql-response+json`, async () => {
      const response = await post(body, { accept: 'application/graphql-response+json' });
      expect([response.status, codeOf(response)]).toEqual([400, code]);
      expect(response.headers['content-type']).toMatch(/^application\/graphql-response\+json/);
    });

    it(`when ${what} is sent without Accept, or with */*, then 400 with ${code}`, async () => {
      const variants: Array<Record<string, string>> = [{}, { accept: '*/*' }, { accept: 'application/graphql-response+json, application/json;q=0.9' }];
      for (const headers of variants) {
        const response = await post(body, headers);
        expect([response.status, codeOf(response)], JSON.stringify(headers)).toEqual([400, code]);
      }
    });
  }

  it('when a batch holds a request error and Accept is application/json, then the answer is 200 and the other operation is served', async () => {
    const response = await post([{ query: '{ noSuchField }' }, { query: `{ resident(citizenId: "${DEMO.resident}") { name } }` }], {
      accept: 'application/json',
    });
    expect(response.status).toBe(200);
    const answers = JSON.parse(response.body) as Array<{ data?: unknown; errors?: Array<{ extensions: { code: string } }> }>;
    expect(answers[0]!.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answers[1]!.data).toEqual({ resident: { name: expect.any(String) } });
  });

  it('when the Accept header is huge or full of odd bytes, then it is read as no legacy request and nothing breaks', async () => {
    for (const accept of [`${'application/json;q=0.1,'.repeat(300)}x/y`, 'application/json\t;;;,,,', 'APPLICATION/JSON']) {
      const response = await post({ query: '{ noSuchField }' }, { accept });
      expect([200, 400, 406]).toContain(response.status);
    }
    expect((await post({ query: '{ noSuchField }' }, { accept: 'APPLICATION/JSON' })).status).toBe(200);
  });
});

describe('refusals that are no GraphQL request error', () => {
  it('when a GET without a preflight header is refused by CSRF prevention, then it stays 400 with Accept: application/json', async () => {
    const response = await rawRequest(platform.gatewayUrl, {
      method: 'GET',
      target: '/graphql?query=%7B__typename%7D',
      headers: { authorization: `Bearer ${token}`, 'x-share-purpose': 'ADMINISTRATIVE_BASIS', accept: 'application/json' },
    });
    expect([response.status, codeOf(response)]).toEqual([400, 'BAD_REQUEST']);
  });

  it('when the purpose is missing or the token is, then 400 PURPOSE_REQUIRED and 401 UNAUTHENTICATED with Accept: application/json', async () => {
    const noPurpose = await post({ query: `{ resident(citizenId: "${DEMO.resident}") { name } }` }, { accept: 'application/json', 'x-share-purpose': '' });
    expect([noPurpose.status, codeOf(noPurpose)]).toEqual([400, 'PURPOSE_REQUIRED']);
    const noToken = await post({ query: '{ __typename }' }, { accept: 'application/json', authorization: '' });
    expect([noToken.status, codeOf(noToken)]).toEqual([401, 'UNAUTHENTICATED']);
  });
});
