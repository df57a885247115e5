/**
 * Authorize operation
 *
 * An operation is only executed with the fields the consumer may read: every selected field, reached
 * through aliases, named or inline fragments, abstract types or `@include/@skip`, is checked against
 * the share ability, and denied fields are removed before query planning. The result is a valid
 * operation of its own: only the selected operation, only the fragments it still uses, only the
 * variables it still uses; a selection set emptied by removal keeps `__typename` so the parent keeps
 * its place (and its null-ness) in the response.
 * Serves art. 5(4) and 15: per-field authorisation, and nothing beyond what was granted.
 */
import {
  Kind,
  TypeInfo,
  isAbstractType,
  visit,
  visitWithTypeInfo,
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ShareAbility } from './build-share-ability.ts';
import { canReadField } from './can-read-field.ts';

export interface DeniedField {
  /** `Type.field` as selected (the parent type of the selection). */
  coordinate: string;
  typeName: string;
  fieldName: string;
}

export interface OperationVerdict {
  /** The operation to execute; the original document when nothing was denied. */
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** Field nodes of the original document that were removed, with what they select. */
  deniedNodes: ReadonlyMap<FieldNode, DeniedField>;
  /** Distinct denied `Type.field`s, in order of first appearance. */
  deniedFields: readonly DeniedField[];
  /** Distinct `Type.field`s selected and kept (meta fields aside), in order of first appearance. */
  grantedFields: readonly string[];
}

const TYPENAME_SELECTION: SelectionSetNode = {
  kind: Kind.SELECTION_SET,
  selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }],
};

export function authorizeOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, ability: ShareAbility): OperationVerdict {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const selected: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [operation, ...reachableFragments([operation], fragments)],
  };

  const deniedNodes = new Map<FieldNode, DeniedField>();
  const deniedByCoordinate = new Map<string, DeniedField>();
  const granted = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  const pruned = visit(
    selected,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parentType = typeInfo.getParentType();
        if (!parentType) return undefined;
        if (canReadField(ability, schema, parentType, node.name.value)) {
          if (!node.name.value.startsWith('__') && !parentType.name.startsWith('__')) granted.add(`${parentType.name}.${node.name.value}`);
          return undefined;
        }
        const coordinate = `${parentType.name}.${node.name.value}`;
        const denied = deniedByCoordinate.get(coordinate) ?? { coordinate, typeName: parentType.name, fieldName: node.name.value };
        deniedByCoordinate.set(coordinate, denied);
        deniedNodes.set(node, denied);
        return null;
      },
      SelectionSet: {
        leave(node) {
          const parentType = typeInfo.getParentType();
          const hasTypename = node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename' && !s.alias);
          if (node.selections.length === 0) return TYPENAME_SELECTION;
          // The result shaper needs the runtime type wherever the static one is abstract.
          if (parentType && isAbstractType(parentType) && !hasTypename) {
            return { ...node, selections: [...node.selections, ...TYPENAME_SELECTION.selections] };
          }
          return undefined;
        },
      },
    }),
  );

  if (deniedNodes.size === 0) {
    return { document, operation, deniedNodes, deniedFields: [], grantedFields: [...granted] };
  }
  const prunedOperation = pruned.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const prunedFragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of pruned.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) prunedFragments.set(definition.name.value, definition);
  }
  const keptFragments = reachableFragments([prunedOperation], prunedFragments);
  const usedVariables = collectVariableNames([prunedOperation, ...keptFragments]);
  const finalOperation: OperationDefinitionNode = {
    ...prunedOperation,
    variableDefinitions: prunedOperation.variableDefinitions?.filter((v) => usedVariables.has(v.variable.name.value)),
  };
  return {
    document: { kind: Kind.DOCUMENT, definitions: [finalOperation, ...keptFragments] },
    operation: finalOperation,
    deniedNodes,
    deniedFields: [...deniedByCoordinate.values()],
    grantedFields: [...granted],
  };
}

/** Fragments used, directly or transitively, by the given definitions. */
function reachableFragments(roots: readonly DefinitionNode[], fragments: ReadonlyMap<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const seen = new Map<string, FragmentDefinitionNode>();
  const queue = [...roots];
  while (queue.length > 0) {
    visit(queue.pop()!, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) {
          seen.set(name, fragment);
          queue.push(fragment);
        }
      },
    });
  }
  return [...seen.values()];
}

function collectVariableNames(definitions: readonly DefinitionNode[]): Set<string> {
  const names = new Set<string>();
  for (const definition of definitions) {
    visit(definition, {
      VariableDefinition: () => false,
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  }
  return names;
}
