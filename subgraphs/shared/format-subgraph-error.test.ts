import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../platform/errors.ts';
import { publicSecurity } from '../public-security/plugin.ts';
import { setupSubgraph } from './test-harness.ts';

describe('subgraph errors', () => {
  it('when a signed query is not GraphQL, then it is BAD_REQUEST with the registry message, not the parser detail', async () => {
    const subgraph = await setupSubgraph(publicSecurity);
    const { statusCode, body } = await subgraph.post('{ resident(citizenId: ');
    expect(statusCode).toBe(400);
    expect(body).toEqual({ data: null, errors: [{ message: ERROR_CODES.BAD_REQUEST.message, locations: [{ line: 1, column: 23 }], extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('when a signed query selects a field the schema lacks, then it is BAD_REQUEST without naming the schema', async () => {
    const subgraph = await setupSubgraph(publicSecurity);
    const { body } = await subgraph.post('{ resident(citizenId: "370306198503120122") { secretField } }');
    expect(body.errors).toEqual([{ message: ERROR_CODES.BAD_REQUEST.message, locations: [{ line: 1, column: 47 }], extensions: { code: 'BAD_REQUEST' } }]);
  });

  it('when a key is wrong, then BAD_USER_INPUT passes with the message that says what is wrong', async () => {
    const subgraph = await setupSubgraph(publicSecurity);
    const { body } = await subgraph.post('query ($id: CitizenId!) { resident(citizenId: $id) { name } }', { id: '370306198503120123' });
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/check/i), extensions: { code: 'BAD_USER_INPUT' } });
  });
});
