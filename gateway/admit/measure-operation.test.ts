import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { keysNamed, measureOperation } from './measure-operation.ts';

const schema = buildSchema(`
  scalar CitizenId
  scalar CreditCode
  type Query { resident(citizenId: CitizenId!): Resident  residents(citizenIds: [CitizenId!]!): [Resident]!  enterprises(creditCodes: [CreditCode!]!): [Enterprise]!  standard(year: Int!): Float }
  type Resident { name: String  employer(creditCode: CreditCode): Enterprise }
  type Enterprise { name: String }
`);

function setup(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const figures = measureOperation(schema, operation, fragments);
  return { figures, keys: keysNamed(figures, variables) };
}

describe('measureOperation: keys named', () => {
  it('when keys are literal lists under aliases, then every key of every alias counts', () => {
    expect(setup('{ a: residents(citizenIds: ["1", "2", "3"]) { name } b: residents(citizenIds: ["4", "5"]) { name } }').keys).toBe(5);
  });

  it('when keys come in variables, then their values count, as often as the variable is used', () => {
    const { keys } = setup(
      'query($ids: [CitizenId!]!, $one: CitizenId!) { a: residents(citizenIds: $ids) { name } b: residents(citizenIds: $ids) { name } resident(citizenId: $one) { name } }',
      { ids: ['1', '2', '3'], one: '4' },
    );
    expect(keys).toBe(7);
  });

  it('when a list literal mixes keys and variables, then both count', () => {
    expect(setup('query($a: CitizenId!) { residents(citizenIds: [$a, "2"]) { name } }', { a: '1' }).keys).toBe(2);
  });

  it('when keyed fields sit in a fragment spread three times, then their keys count three times', () => {
    expect(setup('{ ...Q ...Q ...Q } fragment Q on Query { enterprises(creditCodes: ["1", "2"]) { name } }').keys).toBe(6);
  });

  it('when a nested field takes a key, then it counts too', () => {
    expect(setup('{ resident(citizenId: "1") { employer(creditCode: "2") { name } } }').keys).toBe(2);
  });

  it('when root fields name no key, then each is counted as keyless', () => {
    const { figures } = setup('{ a: standard(year: 2024) b: standard(year: 2025) resident(citizenId: "1") { name } __typename }');
    expect(figures).toMatchObject({ rootFields: 3, keylessRootFields: 2, literalKeys: 1 });
  });
});
