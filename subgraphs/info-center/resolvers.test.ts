import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { INFO_CENTER_TYPE_DEFS } from './definition.ts';
import { isGoverned } from './guard-governance-call.ts';
import { governanceResolvers } from './resolvers.ts';

function rootFields(typeName: 'Query' | 'Mutation'): string[] {
  const definition = parse(INFO_CENTER_TYPE_DEFS).definitions.find(
    (node): node is ObjectTypeDefinitionNode => node.kind === Kind.OBJECT_TYPE_DEFINITION && node.name.value === typeName,
  );
  return (definition?.fields ?? []).map((field) => field.name.value);
}

describe('governance resolvers', () => {
  it("when any governance operation is called, then its argument texts and the caller's roles are checked first: every root field is governed", () => {
    const resolvers = governanceResolvers as Record<string, Record<string, unknown>>;
    const fields = [...rootFields('Query').map((name) => ['Query', name] as const), ...rootFields('Mutation').map((name) => ['Mutation', name] as const)];
    expect(fields.length).toBeGreaterThan(15);
    expect(fields.filter(([type, name]) => !isGoverned(resolvers[type]?.[name]))).toEqual([]);
  });
});
