/**
 * Authorize operation
 *
 * An operation is only executed with the fields the consumer may read: every selected field, reached
 * through aliases, named or inline fragments, abstract types or `@include/@skip`, is checked against
 * the share ability, and denied fields are removed before query planning. The result is a valid
 * operation of its own: only the selected operation, only the fragments it still uses, only the
 * variables it still uses; a selection set emptied by removal keeps `__typename` so the parent keeps
 * its place (and its null-ness) in the response.
 * Fields whose value depends on the record (row conditions, masks: `rowScopeOf`) are kept and listed,
 * and the record attributes their decision reads are added to the executed operation under aliases no
 * selection of the consumer uses (`rowAliasPrefix`), so the gateway can decide each record; the shaper
 * walks the consumer's own operation, so those attributes are never delivered unless selected and allowed.
 * Serves art. 5(4) and 15: per-field authorisation, and nothing beyond what was granted.
 */
import {
  Kind,
  TypeInfo,
  isAbstractType,
  isObjectType,
  type GraphQLCompositeType,
  type InlineFragmentNode,
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
import { rowScopeOf } from './decide-row.ts';

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
  /** Kept `Type.field`s (of object types) decided per record, with the record attributes each decision reads. */
  rowScoped: ReadonlyMap<string, readonly string[]>;
  /** Record attribute `a` is fetched as `<rowAliasPrefix>_a`; no response key of the operation starts with the prefix. */
  rowAliasPrefix: string;
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
  const rowScoped = new Map<string, readonly string[]>();
  const rowAliasPrefix = unusedPrefix(selected, 'zcRow');
  // Per selection set being visited: the attributes each runtime type must bring along.
  const attributesNeeded: Array<Map<string, Set<string>>> = [];
  const typeInfo = new TypeInfo(schema);
  const noteRowScope = (parentType: GraphQLCompositeType, fieldName: string) => {
    const runtimeTypes = isObjectType(parentType) ? [parentType] : schema.getPossibleTypes(parentType as Parameters<GraphQLSchema['getPossibleTypes']>[0]);
    for (const type of runtimeTypes) {
      const attributes = rowScopeOf(ability, type.name, fieldName);
      if (!attributes) continue;
      rowScoped.set(`${type.name}.${fieldName}`, attributes);
      const needed = attributesNeeded[attributesNeeded.length - 1]!;
      const known = attributes.filter((attribute) => type.getFields()[attribute] !== undefined);
      needed.set(type.name, new Set([...(needed.get(type.name) ?? []), ...known]));
    }
  };
  const pruned = visit(
    selected,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parentType = typeInfo.getParentType();
        if (!parentType) return undefined;
        if (canReadField(ability, schema, parentType, node.name.value)) {
          if (!node.name.value.startsWith('__') && !parentType.name.startsWith('__')) {
            granted.add(`${parentType.name}.${node.name.value}`);
            noteRowScope(parentType, node.name.value);
          }
          return undefined;
        }
        const coordinate = `${parentType.name}.${node.name.value}`;
        const denied = deniedByCoordinate.get(coordinate) ?? { coordinate, typeName: parentType.name, fieldName: node.name.value };
        deniedByCoordinate.set(coordinate, denied);
        deniedNodes.set(node, denied);
        return null;
      },
      SelectionSet: {
        enter() {
          attributesNeeded.push(new Map());
        },
        leave(original) {
          const node = withRowAttributes(original, attributesNeeded.pop()!, rowAliasPrefix);
          const parentType = typeInfo.getParentType();
          const hasTypename = node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename' && !s.alias);
          if (node.selections.length === 0) return TYPENAME_SELECTION;
          // The result shaper needs the runtime type wherever the static one is abstract.
          if (parentType && isAbstractType(parentType) && !hasTypename) {
            return { ...node, selections: [...node.selections, ...TYPENAME_SELECTION.selections] };
          }
          return node === original ? undefined : node;
        },
      },
    }),
  );

  if (deniedNodes.size === 0 && rowScoped.size === 0) {
    return { document, operation, deniedNodes, deniedFields: [], grantedFields: [...granted], rowScoped, rowAliasPrefix };
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
    rowScoped,
    rowAliasPrefix,
  };
}

/** The selection set with `... on Type { <prefix>_attribute: attribute }` for each runtime type that needs record attributes. */
function withRowAttributes(node: SelectionSetNode, needed: ReadonlyMap<string, ReadonlySet<string>>, prefix: string): SelectionSetNode {
  const fragments: InlineFragmentNode[] = [];
  for (const [typeName, attributes] of needed) {
    if (attributes.size === 0) continue;
    fragments.push({
      kind: Kind.INLINE_FRAGMENT,
      typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: typeName } },
      selectionSet: {
        kind: Kind.SELECTION_SET,
        selections: [...attributes].map((attribute) => ({
          kind: Kind.FIELD,
          alias: { kind: Kind.NAME, value: `${prefix}_${attribute}` },
          name: { kind: Kind.NAME, value: attribute },
        })),
      },
    });
  }
  return fragments.length === 0 ? node : { ...node, selections: [...node.selections, ...fragments] };
}

/** `base`, lengthened with `_` until no alias or field name of the document starts with it. */
function unusedPrefix(document: DocumentNode, base: string): string {
  const keys: string[] = [];
  visit(document, {
    Field(field) {
      keys.push(field.alias?.value ?? field.name.value);
    },
  });
  let prefix = base;
  while (keys.some((key) => key.startsWith(prefix))) prefix += '_';
  return prefix;
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
