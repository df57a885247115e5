/**
 * What changes between two versions of a department's subgraph schema, classified by
 * @graphql-inspector/core: BREAKING (a consumer's operation can stop working), DANGEROUS (it can
 * behave otherwise) or NON_BREAKING. Changes of directive usages are left to the governance check,
 * which reads share types from the composed catalog.
 */
import { diff, type Change } from '@graphql-inspector/core';
import { buildASTSchema, parse, type GraphQLSchema } from 'graphql';
import { buildSubgraphSdl } from './build-subgraph-sdl.ts';

export interface SchemaChange {
  level: 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';
  type: string;
  /** `Type.field` (or `Type`, `Type.field.argument`) the change is about. */
  path: string | null;
  message: string;
}

function buildSubgraphSchema(typeDefs: string): GraphQLSchema {
  // The federation directives are validated by composition; here only the types are compared.
  return buildASTSchema(parse(buildSubgraphSdl(typeDefs)), { assumeValid: true, assumeValidSDL: true });
}

export async function classifySubgraphChange(before: string | undefined, after: string): Promise<SchemaChange[]> {
  if (before === undefined) return [];
  const changes: Change[] = await diff(buildSubgraphSchema(before), buildSubgraphSchema(after));
  return changes
    .filter((change) => !change.type.startsWith('DIRECTIVE_USAGE_'))
    .map((change) => ({ level: change.criticality.level as SchemaChange['level'], type: change.type, path: change.path ?? null, message: change.message }));
}
