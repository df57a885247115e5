import { buildSchema, execute, GraphQLError, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { authorizeOperation } from '../../policies/authorize-operation.ts';
import { buildShareAbility } from '../../policies/build-share-ability.ts';
import { NOW, testCatalog, testSchema } from '../../policies/test-fixtures.ts';
import { shapeResult } from './shape-result.ts';

const residents: Record<string, object> = {
  '1': {
    __typename: 'Resident',
    id: '1',
    name: '王淑芬',
    record: 'SECRET-1',
    pension: 2860.5,
    address: 'ADDR-1',
    employer: { id: 'E1', name: '华丰', penalties: 'PEN-1' },
  },
  '2': { __typename: 'Resident', id: '2', name: '张建国', record: 'SECRET-2', pension: 3100, address: 'ADDR-2', employer: null },
};
const rootValue = {
  resident: ({ id }: { id: string }) => residents[id] ?? null,
  search: () => [residents['1'], { __typename: 'Enterprise', id: 'E1', name: '华丰', penalties: 'PEN-1' }, residents['2']],
  holder: ({ no }: { no: string }) => residents[no] ?? null,
};

/** Prunes, executes the pruned operation on an in-memory resolver, and shapes: the gateway's steps 4–6 without the network. */
function setup(query: string, variables: Record<string, unknown> = {}, schema = testSchema) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const { ability } = buildShareAbility({ consumer: { dept: 'civil-affairs' }, purpose: 'WORK_REFERENCE', catalog: testCatalog, grants: [], now: NOW });
  const verdict = authorizeOperation(schema, document, operation, ability);
  const executed = execute({ schema, document: verdict.document, rootValue, variableValues: variables }) as { data: Record<string, unknown> };
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const shaped = shapeResult({
    schema,
    operation,
    fragments,
    variableValues: variables,
    deniedNodes: verdict.deniedNodes,
    data: executed.data,
    deniedError: (denied, path) => new GraphQLError(denied.coordinate, { path, extensions: { code: 'FORBIDDEN_FIELD', field: denied.coordinate } }),
  });
  return { ...shaped, json: JSON.stringify(shaped.data), paths: shaped.errors.map((e) => `${e.extensions['field']}@${(e.path ?? []).join('.')}`) };
}

describe('shapeResult', () => {
  it('when a field was denied, then it is null in place, in the consumer order, with one error at its path', () => {
    const { json, paths } = setup('{ resident(id: "1") { record name pension } }');
    expect(json).toBe('{"resident":{"record":null,"name":"王淑芬","pension":null}}');
    expect(paths).toEqual(['Resident.record@resident.record', 'Resident.pension@resident.pension']);
  });

  it('when a denied field is aliased in a list, then each element has its null and its own error', () => {
    const { data, paths } = setup('{ search(text: "x") { ... on Resident { n: name r: record } ... on Enterprise { name p: penalties } } }');
    expect(data).toEqual({
      search: [
        { n: '王淑芬', r: null },
        { name: '华丰', p: null },
        { n: '张建国', r: null },
      ],
    });
    expect(paths).toEqual(['Resident.record@search.0.r', 'Enterprise.penalties@search.1.p', 'Resident.record@search.2.r']);
  });

  it('when the pruned operation needed __typename, then the consumer does not see it unless it asked', () => {
    const { json } = setup('{ resident(id: "1") { record } }');
    expect(json).toBe('{"resident":{"record":null}}');
  });

  it('when the consumer asked for __typename, then it keeps it', () => {
    const { json } = setup('{ resident(id: "1") { __typename record } }');
    expect(json).toBe('{"resident":{"__typename":"Resident","record":null}}');
  });

  it('when a denied field is skipped by @skip or excluded by @include, then it gets neither a null nor an error', () => {
    const { json, paths } = setup('query($on: Boolean!) { resident(id: "1") { name record @include(if: $on) pension @skip(if: $on) } }', { on: false });
    expect(json).toBe('{"resident":{"name":"王淑芬","pension":null}}');
    expect(paths).toEqual(['Resident.pension@resident.pension']);
  });

  it('when the parent is null, then its denied children produce no error', () => {
    const { json, paths } = setup('{ resident(id: "9") { record } }');
    expect(json).toBe('{"resident":null}');
    expect(paths).toEqual([]);
  });

  it('when a denied field is non-null, then null propagates to the nearest nullable parent', () => {
    const strictSchema = buildSchema(`
      type Query { resident(id: ID!): Resident  search(text: String): [SearchHit!]!  holder(no: ID!): Holder }
      type Resident implements Holder { id: ID!  name: String  pension: Float  pensionIn(year: Int): Float  record: String!  address: String  employer: Enterprise  formerEmployer: Enterprise }
      type Enterprise implements Holder { id: ID!  name: String  penalties: String }
      interface Holder { id: ID!  name: String }
      union SearchHit = Resident | Enterprise
    `);
    const { data, paths } = setup('{ resident(id: "1") { name record } }', {}, strictSchema);
    expect(data).toEqual({ resident: null });
    expect(paths).toEqual(['Resident.record@resident.record']);
  });

  it('when a named fragment repeats a denied field, then the value never appears anywhere', () => {
    const { json } = setup(
      'query { a: resident(id: "1") { ...R } b: holder(no: "2") { ... on Resident { ...R } } } fragment R on Resident { name record address }',
    );
    expect(json).not.toMatch(/SECRET|ADDR/);
    expect(json).toBe('{"a":{"name":"王淑芬","record":null,"address":null},"b":{"name":"张建国","record":null,"address":null}}');
  });
});
