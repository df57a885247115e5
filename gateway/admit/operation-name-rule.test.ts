import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationNameRule } from './operation-name-rule.ts';

const schema = buildSchema('type Query { id: ID }');

function setup(query: string) {
  return validate(schema, parse(query), [operationNameRule]).map((error) => error.message);
}

describe('operationNameRule', () => {
  it('when operations are anonymous or named within the bound, then they are valid', () => {
    expect(setup('{ id }')).toEqual([]);
    expect(setup(`query ${'A'.repeat(256)} { id }`)).toEqual([]);
  });

  it('when an operation name in the document is longer than the bound, then it is refused before it can reach a record', () => {
    expect(setup(`query ${'A'.repeat(257)} { id }`)).toEqual(["The operation's name: operationName must be at most 256 characters"]);
  });

  it('when an operation name is refused, then the error carries its registry code and the place of the name', () => {
    const [error] = validate(schema, parse(`query ${'A'.repeat(257)} { id }`), [operationNameRule]);
    expect(error?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(error?.locations).toEqual([{ line: 1, column: 7 }]);
  });
});
