import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { purposeExemption } from './purpose-exemption.ts';
import { testCatalog } from './test-fixtures.ts';
import type { FieldShare, ShareCatalog } from './types.ts';

const governanceField = (coordinate: string): [string, FieldShare] => {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  return [coordinate, { coordinate, typeName, fieldName, shareType: 'UNCONDITIONAL', provider: 'info-center', declared: true }];
};
const catalog: ShareCatalog = new Map([...testCatalog, governanceField('Query.myGrants'), governanceField('Mutation.requestAccess')]);

function exemption(source: string) {
  const operation = parse(source).definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  return purposeExemption(operation, catalog);
}

describe('art-5: which operations need no declared purpose', () => {
  it('art-5: when a query only introspects the schema, then it needs no purpose', () => {
    expect(exemption('{ __schema { queryType { name } } __type(name: "Resident") { name } }')).toBe('INTROSPECTION');
    expect(exemption('{ __typename }')).toBe('INTROSPECTION');
  });

  it('art-5: when every root field is served by the platform operator, then it is governance and needs no purpose', () => {
    expect(exemption('{ myGrants { id } __typename }')).toBe('GOVERNANCE');
    expect(exemption('mutation { requestAccess(input: {}) { id } }')).toBe('GOVERNANCE');
    expect(exemption('mutation { __typename }')).toBe('GOVERNANCE');
  });

  it("art-5: when any root field reads a provider's data, then a purpose is needed", () => {
    expect(exemption('{ resident(id: "1") { name } }')).toBeUndefined();
    expect(exemption('{ myGrants { id } resident(id: "1") { name } }')).toBeUndefined();
    expect(exemption('{ __schema { queryType { name } } resident(id: "1") { name } }')).toBeUndefined();
  });

  it('art-5: when a root field is unknown to the catalog, spread from a fragment, or under a subscription, then a purpose is needed', () => {
    expect(exemption('{ unknownField }')).toBeUndefined();
    expect(exemption('{ ...Mine } fragment Mine on Query { myGrants { id } }')).toBeUndefined();
    expect(exemption('mutation { myGrants { id } }')).toBeUndefined();
    expect(exemption('subscription { myGrants { id } }')).toBeUndefined();
  });
});
