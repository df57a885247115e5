/**
 * Step 6, shape: put every denied field back into the response as `null` with one FORBIDDEN_FIELD
 * error per place it would have appeared, in the consumer's own field order; a `null` under a
 * non-null type propagates to the nearest nullable parent, as GraphQL requires.
 * Walks the original operation with graphql-js' own field collection (fragments, type conditions,
 * `@include/@skip`), over the data the pruned operation returned.
 */
import {
  GraphQLError,
  getNamedType,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { collectFields, collectSubfields } from 'graphql/execution/collectFields.js';
import type { DeniedField } from '../../policies/authorize-operation.ts';

type Path = ReadonlyArray<string | number>;
type Data = Record<string, unknown>;

/** Marks a null that must propagate to the parent (a non-null position was nulled). */
const PROPAGATE = Symbol('propagate');

export interface ShapeInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variableValues: Record<string, unknown>;
  deniedNodes: ReadonlyMap<FieldNode, DeniedField>;
  data: Data | null | undefined;
  /** Builds the error for one denied field at one path. */
  deniedError: (denied: DeniedField, path: Path) => GraphQLError;
}

export function shapeResult(input: ShapeInput): { data: Data | null | undefined; errors: GraphQLError[] } {
  const { schema, operation, data } = input;
  const errors: GraphQLError[] = [];
  const rootType = schema.getRootType(operation.operation);
  if (!rootType || data === null || data === undefined) return { data, errors };

  const completeObject = (type: GraphQLObjectType, fields: Map<string, readonly FieldNode[]>, value: Data, path: Path): Data | typeof PROPAGATE => {
    const shaped: Data = {};
    for (const [key, nodes] of fields) {
      const fieldName = nodes[0]!.name.value;
      const fieldPath = [...path, key];
      const denied = nodes.map((node) => input.deniedNodes.get(node)).find((d) => d !== undefined);
      const fieldType = type.getFields()[fieldName]?.type;
      if (denied) {
        errors.push(input.deniedError(denied, fieldPath));
        if (fieldType && isNonNullType(fieldType)) return PROPAGATE;
        shaped[key] = null;
        continue;
      }
      if (!fieldType) {
        shaped[key] = fieldName === '__typename' ? type.name : value[key];
        continue;
      }
      const completed = completeValue(fieldType, nodes, value[key], fieldPath);
      if (completed === PROPAGATE) {
        if (isNonNullType(fieldType)) return PROPAGATE;
        shaped[key] = null;
      } else {
        shaped[key] = completed;
      }
    }
    return shaped;
  };

  const completeValue = (type: GraphQLOutputType, nodes: readonly FieldNode[], value: unknown, path: Path): unknown => {
    if (isNonNullType(type)) {
      const completed = completeValue(type.ofType, nodes, value, path);
      return completed === null ? PROPAGATE : completed;
    }
    if (value === null || value === undefined) return null;
    if (isLeafType(type)) return value;
    if (isListType(type)) {
      const items: unknown[] = [];
      for (const [index, item] of (value as unknown[]).entries()) {
        const completed = completeValue(type.ofType, nodes, item, [...path, index]);
        if (completed === PROPAGATE) return PROPAGATE;
        items.push(completed);
      }
      return items;
    }
    const object = value as Data;
    const runtimeType = isAbstractType(type) ? schema.getType(String(object['__typename'])) : getNamedType(type);
    // Without a known runtime type nothing can be placed safely: withhold the object.
    if (!isObjectType(runtimeType)) return null;
    const subfields = collectSubfields(schema, input.fragments, input.variableValues, runtimeType, nodes);
    return completeObject(runtimeType, subfields, object, path);
  };

  const rootFields = collectFields(schema, input.fragments, input.variableValues, rootType, operation.selectionSet);
  const shaped = completeObject(rootType, rootFields, data, []);
  return { data: shaped === PROPAGATE ? null : shaped, errors };
}
