import { buildSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './operation-limits.ts';
import { operationLimitsRule } from './operation-limits-rule.ts';

const schema = buildSchema(`
  type Query { node: Node  nodes(ids: [ID!]): [Node]  version: String }
  type Node { id: ID  next: Node  name: String }
`);

function setup(query: string, limits: Partial<OperationLimits> = {}) {
  return validate(schema, parse(query), [operationLimitsRule({ ...DEFAULT_OPERATION_LIMITS, ...limits })]).map((error) => ({
    message: error.message,
    extensions: error.extensions,
  }));
}

/** Fragments F0…F<levels> where each spreads the one below twice: 2^levels fields once expanded. */
function fanOut(levels: number): string {
  const fragments = ['fragment F0 on Node { name }'];
  for (let i = 1; i <= levels; i++) fragments.push(`fragment F${i} on Node { ...F${i - 1} ...F${i - 1} }`);
  return `{ node { ...F${levels} } } ${fragments.join(' ')}`;
}

describe('operationLimitsRule: depth', () => {
  it('when the operation stays within the depth limit, then it is valid', () => {
    expect(setup('{ node { next { id } } }', { depth: 3 })).toEqual([]);
  });

  it('when the operation nests too deep, then OPERATION_TOO_COMPLEX names the depth and the limit', () => {
    expect(setup('{ node { next { next { id } } } }', { depth: 3 })).toEqual([
      { message: 'The operation nests 4 levels deep; at most 3 are allowed', extensions: { code: 'OPERATION_TOO_COMPLEX', limit: 'depth', max: 3, found: 4 } },
    ]);
  });

  it('when depth hides in fragments, then fragments are followed', () => {
    const errors = setup('{ node { ...A } } fragment A on Node { next { ...B } } fragment B on Node { next { id } }', { depth: 3 });
    expect(errors.map((e) => e.message)).toEqual(['The operation nests 4 levels deep; at most 3 are allowed']);
  });

  it('when the standard introspection query is sent, then its depth is not counted and it is valid', () => {
    expect(setup(getIntrospectionQuery(), { depth: 3 })).toEqual([]);
  });
});

describe('operationLimitsRule: fragment fan-out is counted, not walked', () => {
  it('when fragments spread each other twice 24 levels deep, then the 2^24 fields are counted and refused', () => {
    const errors = setup(fanOut(24));
    expect(errors).toEqual([expect.objectContaining({ extensions: { code: 'OPERATION_TOO_COMPLEX', limit: 'selections', max: 500, found: 2 ** 24 + 1 } })]);
  });

  it('when fragments spread each other 600 levels deep, then the rule still answers (the count is merely huge)', () => {
    expect(setup(fanOut(600))[0]?.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'selections' });
  });

  it('when fragments form a cycle, then the rule terminates (validation reports the cycle itself)', () => {
    expect(setup('{ node { ...A } } fragment A on Node { next { ...B } } fragment B on Node { next { ...A } }')).toEqual([]);
  });
});

describe('operationLimitsRule: breadth', () => {
  it('when aliases exceed the limit through a fragment spread twice, then OPERATION_TOO_COMPLEX counts both', () => {
    const errors = setup('{ node { ...A } n2: node { ...A } } fragment A on Node { a: id b: id c: name }', { aliases: 6 });
    expect(errors.map((e) => e.extensions)).toEqual([{ code: 'OPERATION_TOO_COMPLEX', limit: 'aliases', max: 6, found: 7 }]);
  });

  it('when root fields exceed the limit, then OPERATION_TOO_COMPLEX', () => {
    const query = `{ ${Array.from({ length: 21 }, (_, i) => `v${i}: version`).join(' ')} }`;
    expect(setup(query).map((e) => e.extensions?.['limit'])).toEqual(['rootFields']);
  });

  it('when directives exceed the limit, then OPERATION_TOO_COMPLEX', () => {
    expect(setup(`{ version ${'@skip(if: false) '.repeat(5)} }`, { directives: 4 }).map((e) => e.extensions?.['limit'])).toEqual(['directives']);
  });

  it('when __schema is aliased many times, then the introspection limit refuses it', () => {
    const query = `{ ${Array.from({ length: 4 }, (_, i) => `s${i}: __schema { queryType { name } }`).join(' ')} }`;
    expect(setup(query).map((e) => e.extensions)).toEqual([{ code: 'OPERATION_TOO_COMPLEX', limit: 'introspection', max: 3, found: 4 }]);
  });

  it('when every limit is exceeded at once, then each is reported', () => {
    const query = `{ ${Array.from({ length: 30 }, (_, i) => `s${i}: __type(name: "Node") @skip(if: false) { name }`).join(' ')} }`;
    expect(setup(query, { aliases: 10, directives: 10 }).map((e) => e.extensions?.['limit'])).toEqual(['aliases', 'rootFields', 'directives', 'introspection']);
  });
});
