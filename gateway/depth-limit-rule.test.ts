import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { depthLimitRule } from './depth-limit-rule.ts';

const schema = buildSchema('type Query { node: Node } type Node { id: ID  next: Node }');

function setup(query: string, max = 3) {
  return validate(schema, parse(query), [depthLimitRule(max)]).map((error) => error.message);
}

describe('depthLimitRule', () => {
  it('when the operation stays within the limit, then it is valid', () => {
    expect(setup('{ node { next { id } } }')).toEqual([]);
  });

  it('when the operation nests too deep, then the error names the depth and the limit', () => {
    expect(setup('{ node { next { next { id } } } }')).toEqual(['The operation nests 4 levels deep; at most 3 are allowed']);
  });

  it('when depth hides in fragments, then fragments are followed', () => {
    expect(setup('{ node { ...A } } fragment A on Node { next { ...B } } fragment B on Node { next { id } }')).toEqual([
      'The operation nests 4 levels deep; at most 3 are allowed',
    ]);
  });
});

describe('depthLimitRule and introspection', () => {
  it('when the standard introspection query is sent, then its depth is not counted', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    expect(setup(getIntrospectionQuery(), 3)).toEqual([]);
  });
});
