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
 *
 * The walk is written by hand over the selection sets, with the types taken from the schema's field maps,
 * rather than graphql-js' `visit` with `TypeInfo` (about four times the cost for the first request of an
 * operation): each field is decided where it is written, in the operation or in the fragment definition
 * holding it (a fragment is decided once, not per spread), with the parent type `TypeInfo` would give it;
 * `@include/@skip` do not matter (a denied field is removed whatever the variables say).
 */
import {
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  type ArgumentNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type ValueNode,
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

/** Row attributes the runtime types of one selection set must bring along, by type name. */
type NeededAttributes = Map<string, Set<string>>;

const ROW_ALIAS_BASE = 'zcRow';

export function authorizeOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, ability: ShareAbility): OperationVerdict {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const keys = { longestRun: -1 };
  const selectedFragments = reachableFragments(operation, fragments, keys);
  const rowAliasPrefix = keys.longestRun < 0 ? ROW_ALIAS_BASE : ROW_ALIAS_BASE + '_'.repeat(keys.longestRun + 1);

  const deniedNodes = new Map<FieldNode, DeniedField>();
  const deniedByCoordinate = new Map<string, DeniedField>();
  const granted = new Set<string>();
  const rowScoped = new Map<string, readonly string[]>();

  const noteRowScope = (parentType: GraphQLCompositeType, fieldName: string, needed: NeededAttributes) => {
    const runtimeTypes = isObjectType(parentType) ? [parentType] : schema.getPossibleTypes(parentType as Parameters<GraphQLSchema['getPossibleTypes']>[0]);
    for (const type of runtimeTypes) {
      const attributes = rowScopeOf(ability, type.name, fieldName);
      if (!attributes) continue;
      rowScoped.set(`${type.name}.${fieldName}`, attributes);
      const fields = type.getFields();
      let set = needed.get(type.name);
      if (!set) needed.set(type.name, (set = new Set()));
      for (const attribute of attributes) if (fields[attribute] !== undefined) set.add(attribute);
    }
  };

  /** The selection set with denied fields removed and row attributes added; the same node when nothing changed. */
  const walk = (original: SelectionSetNode, parentType: GraphQLCompositeType | undefined): SelectionSetNode => {
    const needed: NeededAttributes = new Map();
    let selections: SelectionNode[] | undefined;
    const source = original.selections;
    for (let index = 0; index < source.length; index++) {
      const selection = source[index]!;
      const kept = walkSelection(selection, parentType, needed);
      if (kept === selection && selections === undefined) continue;
      selections ??= source.slice(0, index);
      if (kept) selections.push(kept);
    }
    let node = selections ? { ...original, selections } : original;
    node = withRowAttributes(node, needed, rowAliasPrefix);
    if (node.selections.length === 0) return TYPENAME_SELECTION;
    // The result shaper needs the runtime type wherever the static one is abstract.
    if (parentType && isAbstractType(parentType) && !node.selections.some(isPlainTypename)) {
      return { ...node, selections: [...node.selections, ...TYPENAME_SELECTION.selections] };
    }
    return node;
  };

  /** One selection as it is executed, or `null` when it is removed. */
  const walkSelection = (selection: SelectionNode, parentType: GraphQLCompositeType | undefined, needed: NeededAttributes): SelectionNode | null => {
    if (selection.kind === Kind.FRAGMENT_SPREAD) return selection;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? compositeOrUndefined(schema.getType(selection.typeCondition.name.value)) : parentType;
      const selectionSet = walk(selection.selectionSet, type);
      return selectionSet === selection.selectionSet ? selection : { ...selection, selectionSet };
    }
    const fieldName = selection.name.value;
    if (parentType) {
      if (!canReadField(ability, schema, parentType, fieldName)) {
        const coordinate = `${parentType.name}.${fieldName}`;
        let denied = deniedByCoordinate.get(coordinate);
        if (!denied) deniedByCoordinate.set(coordinate, (denied = { coordinate, typeName: parentType.name, fieldName }));
        deniedNodes.set(selection, denied);
        return null;
      }
      if (!fieldName.startsWith('__') && !parentType.name.startsWith('__')) {
        granted.add(`${parentType.name}.${fieldName}`);
        noteRowScope(parentType, fieldName, needed);
      }
    }
    if (!selection.selectionSet) return selection;
    const fieldDef = parentType ? fieldDefinition(schema, parentType, fieldName) : undefined;
    const selectionSet = walk(selection.selectionSet, fieldDef ? compositeOrUndefined(getNamedType(fieldDef.type)) : undefined);
    return selectionSet === selection.selectionSet ? selection : { ...selection, selectionSet };
  };

  const rootType = schema.getRootType(operation.operation) ?? undefined;
  const operationSet = walk(operation.selectionSet, rootType);
  const prunedOperation = operationSet === operation.selectionSet ? operation : { ...operation, selectionSet: operationSet };
  const prunedFragments = new Map<string, FragmentDefinitionNode>();
  for (const fragment of selectedFragments) {
    const selectionSet = walk(fragment.selectionSet, compositeOrUndefined(schema.getType(fragment.typeCondition.name.value)));
    prunedFragments.set(fragment.name.value, selectionSet === fragment.selectionSet ? fragment : { ...fragment, selectionSet });
  }

  if (deniedNodes.size === 0 && rowScoped.size === 0) {
    return { document, operation, deniedNodes, deniedFields: [], grantedFields: [...granted], rowScoped, rowAliasPrefix };
  }
  const keptFragments = reachableFragments(prunedOperation, prunedFragments);
  const usedVariables = new Set<string>();
  addVariablesOfDirectives(prunedOperation.directives, usedVariables);
  addVariablesOfSelections(prunedOperation.selectionSet, usedVariables);
  for (const fragment of keptFragments) {
    addVariablesOfDirectives(fragment.directives, usedVariables);
    addVariablesOfSelections(fragment.selectionSet, usedVariables);
  }
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

function isPlainTypename(selection: SelectionNode): boolean {
  return selection.kind === Kind.FIELD && selection.name.value === '__typename' && !selection.alias;
}

function compositeOrUndefined(type: unknown): GraphQLCompositeType | undefined {
  return isCompositeType(type) ? type : undefined;
}

/** The field's definition as graphql-js' `TypeInfo` finds it: meta fields included, nothing on a union but `__typename`. */
function fieldDefinition(schema: GraphQLSchema, parentType: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === SchemaMetaFieldDef.name && schema.getQueryType() === parentType) return SchemaMetaFieldDef;
  if (name === TypeMetaFieldDef.name && schema.getQueryType() === parentType) return TypeMetaFieldDef;
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (isObjectType(parentType) || isInterfaceType(parentType)) return parentType.getFields()[name];
  return undefined;
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

/**
 * Fragments used, directly or transitively, by the operation, in the order they are first reached
 * (those of the definition last reached first). `keys`, when given, learns the longest run of `_`
 * after `zcRow` that starts a response key (alias or field name) of the operation or those fragments,
 * so the row alias prefix can be longer (`-1`: no key starts with `zcRow`).
 */
function reachableFragments(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  keys?: { longestRun: number },
): FragmentDefinitionNode[] {
  const seen = new Map<string, FragmentDefinitionNode>();
  const queue: FragmentDefinitionNode[] = [];
  const scan = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) {
          seen.set(name, fragment);
          queue.push(fragment);
        }
        continue;
      }
      if (keys && selection.kind === Kind.FIELD) {
        const key = (selection.alias ?? selection.name).value;
        if (key.startsWith(ROW_ALIAS_BASE)) {
          let run = 0;
          while (key.charCodeAt(ROW_ALIAS_BASE.length + run) === 95) run++;
          if (run > keys.longestRun) keys.longestRun = run;
        }
      }
      if (selection.selectionSet) scan(selection.selectionSet);
    }
  };
  scan(operation.selectionSet);
  while (queue.length > 0) scan(queue.pop()!.selectionSet);
  return [...seen.values()];
}

function addVariablesOfSelections(selectionSet: SelectionSetNode, names: Set<string>): void {
  for (const selection of selectionSet.selections) {
    addVariablesOfDirectives(selection.directives, names);
    if (selection.kind === Kind.FIELD) addVariablesOfArguments(selection.arguments, names);
    if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet) addVariablesOfSelections(selection.selectionSet, names);
  }
}

function addVariablesOfDirectives(directives: readonly DirectiveNode[] | undefined, names: Set<string>): void {
  if (directives) for (const directive of directives) addVariablesOfArguments(directive.arguments, names);
}

function addVariablesOfArguments(args: readonly ArgumentNode[] | undefined, names: Set<string>): void {
  if (args) for (const argument of args) addVariablesOfValue(argument.value, names);
}

function addVariablesOfValue(value: ValueNode, names: Set<string>): void {
  if (value.kind === Kind.VARIABLE) names.add(value.name.value);
  else if (value.kind === Kind.LIST) for (const item of value.values) addVariablesOfValue(item, names);
  else if (value.kind === Kind.OBJECT) for (const field of value.fields) addVariablesOfValue(field.value, names);
}
