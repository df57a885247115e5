import { GraphQLError } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../platform/errors.ts';
import { formatSubgraphErrors } from './format-subgraph-error.ts';
import { publicSecurity } from '../public-security/definition.ts';
import { setupSubgraph } from './test-harness.ts';

describe('subgraph errors', () => {
  it('when a signed query is not GraphQL, then it is BAD_REQUEST with the registry message, not the parser detail', async () => {
    const subgraph = await setupSubgraph(publicSecurity);
    const { statusCode, body } = await subgraph.post('{ resident(citizenId: ');
    expect(statusCode).toBe(400);
    expect(body).toEqual({
      data: null,
      errors: [{ message: ERROR_CODES.BAD_REQUEST.message, locations: [{ line: 1, column: 23 }], extensions: { code: 'BAD_REQUEST' } }],
    });
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

  it.each(Object.keys(ERROR_CODES) as ErrorCode[])(
    'when a resolver raises %s, then it passes with its message exactly when the registry says it passes from subgraphs',
    (code) => {
      const logged: unknown[] = [];
      const log = { warn: (entry: unknown) => logged.push(entry), error: (entry: unknown) => logged.push(entry) };
      const context = { app: { log } } as unknown as MercuriusContext;
      const raised = new GraphQLError('the words of the failing code', { path: ['resident'], extensions: { code } });
      const { response } = formatSubgraphErrors({ data: { resident: null }, errors: [raised] }, context);
      const passes = (ERROR_CODES[code] as { fromSubgraph?: string }).fromSubgraph === 'passes';
      expect(response.errors).toEqual([
        passes
          ? { message: 'the words of the failing code', path: ['resident'], extensions: { code } }
          : { message: ERROR_CODES.INTERNAL_SERVER_ERROR.message, path: ['resident'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ]);
      expect(logged).toHaveLength(passes ? 0 : 1);
    },
  );
});
