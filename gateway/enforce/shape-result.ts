/**
 * Step 6, shape: put every denied field back into the response as `null` with one FORBIDDEN_FIELD
 * error per place it would have appeared, in the consumer's own field order; a `null` under a
 * non-null type propagates to the nearest nullable parent, as GraphQL requires.
 * Walks the original operation with graphql-js' own field collection (fragments, type conditions,
 * `@include/@skip`), over the data the pruned operation returned.
 * Items decided per record (row conditions, masks) are decided here, from the record attributes the
 * pruned operation fetched: outside the condition, `null` with a FORBIDDEN_ROW error; masked, the
 * masked value, its path listed. Only what the original operation selects is copied out, so neither an
 * unmasked value nor a fetched attribute can leave by another key.
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
import type { RowVerdict } from '../../policies/decide-row.ts';
import { applyMask } from '../../policies/masks/apply-mask.ts';
import type { RowCondition } from '../../policies/types.ts';

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
  /** `Type.field`s decided per record, with the attributes each decision reads (none: nothing is decided per record). */
  rowScoped?: ReadonlyMap<string, readonly string[]>;
  /** Attribute `a` of a record is read from the data as `<rowAliasPrefix>_a`. */
  rowAliasPrefix?: string;
  decideRow?: (typeName: string, fieldName: string, record: Readonly<Record<string, unknown>>) => RowVerdict;
  /** Builds the error for one record outside the row conditions. */
  rowError?: (coordinate: string, conditions: RowCondition[], path: Path) => GraphQLError;
}

export interface ShapedResult {
  data: Data | null | undefined;
  errors: GraphQLError[];
  /** Paths of masked values, as `resident.householdAddress` and `residents.0.householdAddress`. */
  maskedPaths: string[];
  /** Distinct `Type.field`s delivered masked somewhere in the response. */
  maskedFields: string[];
  /** Distinct `Type.field`s withheld from some record (FORBIDDEN_ROW). */
  rowDeniedFields: string[];
}

export function shapeResult(input: ShapeInput): ShapedResult {
  const { schema, operation, data } = input;
  const errors: GraphQLError[] = [];
  const maskedPaths: string[] = [];
  const maskedFields = new Set<string>();
  const rowDeniedFields = new Set<string>();
  const rootType = schema.getRootType(operation.operation);
  const result = (shapedData: Data | null | undefined): ShapedResult => ({
    data: shapedData,
    errors,
    maskedPaths,
    maskedFields: [...maskedFields],
    rowDeniedFields: [...rowDeniedFields],
  });
  if (!rootType || data === null || data === undefined) return result(data);

  const decide = (type: GraphQLObjectType, fieldName: string, value: Data): RowVerdict => {
    const attributes = input.rowScoped?.get(`${type.name}.${fieldName}`);
    if (!attributes) return { verdict: 'READ' };
    const record = Object.fromEntries(attributes.map((attribute) => [attribute, value[`${input.rowAliasPrefix}_${attribute}`]]));
    // A record decision without its policy is never a reason to send the value.
    return input.decideRow?.(type.name, fieldName, record) ?? { verdict: 'FORBIDDEN_ROW', conditions: [] };
  };

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
      const row = decide(type, fieldName, value);
      if (row.verdict === 'FORBIDDEN_ROW') {
        const coordinate = `${type.name}.${fieldName}`;
        rowDeniedFields.add(coordinate);
        if (input.rowError) errors.push(input.rowError(coordinate, row.conditions, fieldPath));
        if (isNonNullType(fieldType)) return PROPAGATE;
        shaped[key] = null;
        continue;
      }
      let raw = value[key];
      if (row.verdict === 'MASKED') {
        // Only leaf values are masked (a publish check keeps masks to fitting scalars); anything else is withheld.
        raw = isLeafType(getNamedType(fieldType)) ? applyMask(row.mask, raw) : null;
        if (value[key] !== null && value[key] !== undefined) {
          maskedPaths.push(fieldPath.join('.'));
          maskedFields.add(`${type.name}.${fieldName}`);
        }
      }
      const completed = completeValue(fieldType, nodes, raw, fieldPath);
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
  return result(shaped === PROPAGATE ? null : shaped);
}
