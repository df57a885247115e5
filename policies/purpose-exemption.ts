/**
 * Purpose exemption
 *
 * An operation may run without a declared purpose only if it uses no provider's data: an
 * introspection query (every root field a meta field: it describes the schema), or a governance
 * operation (every root field served by the platform operator's own subgraph: applying for,
 * deciding and auditing uses is not itself a use of provider data). Every other operation declares
 * its purpose, and a data query without one is refused.
 * Serves art. 5(2) and 15: a clear purpose on every use of shared data.
 */
import { Kind, type OperationDefinitionNode } from 'graphql';
import { PLATFORM_OPERATOR, type ShareCatalog } from './types.ts';

/** Why the operation needs no purpose, or `undefined` when it needs one. */
export type PurposeExemption = 'INTROSPECTION' | 'GOVERNANCE' | undefined;

export function purposeExemption(operation: OperationDefinitionNode, catalog: ShareCatalog): PurposeExemption {
  const roots = operation.selectionSet.selections;
  if (operation.operation === 'query' && roots.every((root) => root.kind === Kind.FIELD && root.name.value.startsWith('__'))) return 'INTROSPECTION';
  const rootType = operation.operation === 'mutation' ? 'Mutation' : operation.operation === 'query' ? 'Query' : undefined;
  const governance =
    rootType !== undefined &&
    roots.every(
      (root) => root.kind === Kind.FIELD && (root.name.value.startsWith('__') || catalog.get(`${rootType}.${root.name.value}`)?.provider === PLATFORM_OPERATOR),
    );
  return governance ? 'GOVERNANCE' : undefined;
}
