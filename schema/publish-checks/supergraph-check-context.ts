/**
 * What a supergraph-wide publish check sees: the composed supergraph as a schema, the share metadata of
 * every data item (read as the gateway reads it), each entity's key fields, and where to report.
 * Some rules need every subgraph at once: the fields that lead to a type can come from several departments.
 */
import { buildASTSchema, Kind, parse, type GraphQLSchema } from 'graphql';
import type { ShareCatalog } from '../../policies/types.ts';
import { readShareCatalog } from '../read-share-catalog.ts';
import type { PublishViolation } from './publish-check-context.ts';

export interface SupergraphCheckContext {
  schema: GraphQLSchema;
  catalog: ShareCatalog;
  /** Top-level fields of the type's `@key`s, in any subgraph (empty for a type without a key). */
  keyFields(typeName: string): ReadonlySet<string>;
  report(subgraph: string, coordinate: string, message: string): void;
}

const NONE: ReadonlySet<string> = new Set();

/** `@join__type(key: "...")` of every type → the top-level field names the keys select. */
function readKeyFields(document: ReturnType<typeof parse>): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'join__type') continue;
      const key = directive.arguments?.find((argument) => argument.name.value === 'key')?.value;
      if (key?.kind !== Kind.STRING) continue;
      const names = keys.get(definition.name.value) ?? new Set<string>();
      // Only top-level names belong to this type; nested selections are fields of other types.
      for (const name of key.value.replace(/\{[^}]*\}/g, ' ').split(/[\s,]+/)) if (name) names.add(name);
      keys.set(definition.name.value, names);
    }
  }
  return keys;
}

export function createSupergraphCheckContext(supergraphSdl: string, violations: PublishViolation[]): SupergraphCheckContext {
  const document = parse(supergraphSdl);
  // The composer validated the supergraph; its federation directives need no second validation here.
  const schema = buildASTSchema(document, { assumeValidSDL: true });
  const keys = readKeyFields(document);
  return {
    schema,
    catalog: readShareCatalog(supergraphSdl),
    keyFields: (typeName) => keys.get(typeName) ?? NONE,
    report: (subgraph, coordinate, message) => violations.push({ subgraph, coordinate, message }),
  };
}
