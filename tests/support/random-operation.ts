/**
 * Random GraphQL documents over a schema, for the leak property test: aliases on every field (naming the
 * `Type.field` selected, so an oracle can read any response without knowing how it was shaped), inline
 * and named fragments on object types and on the interfaces they implement, `@include/@skip` with
 * variables, and several operations per document with one chosen by `operationName`.
 * Choices come from `pick`, fed by fast-check, so a failing document can be shrunk and replayed.
 */
import {
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';

/** What a document exercises, so the test can show each was actually sent. */
export type Feature = 'abstract type' | 'inline fragment' | 'named fragment' | 'include/skip' | 'several operations';

export interface RandomOperation {
  query: string;
  operationName: string;
  variables: Record<string, boolean>;
  features: ReadonlySet<Feature>;
}

export interface RandomOperationOptions {
  schema: GraphQLSchema;
  /** Root fields to start from, each with argument lists to choose from (e.g. `(citizenId: "…")`). */
  roots: Readonly<Record<string, readonly string[]>>;
  /** Deepest field nesting below a root field (the root field is depth 1). */
  maxDepth: number;
  /** Most fields chosen per selection set. */
  maxFields: number;
  /** Most operations per document. */
  maxOperations: number;
}

/** Matches an alias written by this generator: `f<n>_<Type>__<field>`. */
export const ALIAS_PATTERN = /^f\d+_(\w+?)__(\w+)$/;

interface Building {
  pick: (n: number) => number;
  counter: number;
  fragments: string[];
  variables: Record<string, boolean>;
  operationVariables: string[];
  features: Set<Feature>;
}

const selectable = (field: GraphQLField<unknown, unknown>) => field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined);

/** Type conditions valid inside a selection on `type`: its possible object types and the interfaces they implement. */
function typeConditions(schema: GraphQLSchema, type: GraphQLCompositeType): GraphQLCompositeType[] {
  const objects = isAbstractType(type) ? schema.getPossibleTypes(type) : isObjectType(type) ? [type] : [];
  const conditions = new Map<string, GraphQLCompositeType>();
  for (const object of objects) {
    conditions.set(object.name, object);
    for (const implemented of object.getInterfaces()) conditions.set(implemented.name, implemented);
  }
  return [...conditions.values()];
}

function buildSelection(options: RandomOperationOptions, type: GraphQLCompositeType, depth: number, b: Building): string {
  const parts: string[] = [];
  if (isAbstractType(type)) b.features.add('abstract type');
  if (isObjectType(type) || isInterfaceType(type)) {
    const fields = Object.values(type.getFields()).filter(selectable);
    for (let i = 0, count = 1 + b.pick(options.maxFields); i < count && fields.length > 0; i++) {
      const field = fields[b.pick(fields.length)]!;
      const named = getNamedType(field.type);
      if (!isLeafType(named) && depth >= options.maxDepth) continue;
      const alias = `f${b.counter++}_${type.name}__${field.name}`;
      let directive = '';
      if (b.pick(4) === 0) {
        const variable = `v${b.counter++}`;
        b.variables[variable] = b.pick(2) === 0;
        b.operationVariables.push(variable);
        b.features.add('include/skip');
        directive = b.pick(2) === 0 ? ` @include(if: $${variable})` : ` @skip(if: $${variable})`;
      }
      const sub = isLeafType(named) ? '' : ` { ${buildSelection(options, named as GraphQLCompositeType, depth + 1, b)} }`;
      parts.push(`${alias}: ${field.name}${directive}${sub}`);
    }
  }
  // A fragment on a possible type or an interface; on an abstract type always, elsewhere now and then.
  if (depth < options.maxDepth && (isAbstractType(type) || b.pick(3) === 0)) {
    const conditions = typeConditions(options.schema, type);
    const target = conditions[b.pick(conditions.length)]!;
    if (isInterfaceType(target)) b.features.add('abstract type');
    const inner = buildSelection(options, target, depth + 1, b);
    if (b.pick(2) === 0) {
      const name = `F${b.counter++}`;
      b.fragments.push(`fragment ${name} on ${target.name} { ${inner} }`);
      b.features.add('named fragment');
      parts.push(`...${name}`);
    } else {
      b.features.add('inline fragment');
      parts.push(`... on ${target.name} { ${inner} }`);
    }
  }
  if (parts.length === 0) parts.push('__typename');
  return parts.join(' ');
}

/** One random document; `seed` is the stream of choices (reused cyclically). */
export function buildRandomOperation(options: RandomOperationOptions, seed: readonly number[]): RandomOperation {
  let cursor = 0;
  const pick = (n: number) => (n <= 1 ? 0 : seed[cursor++ % seed.length]! % n);
  const b: Building = { pick, counter: 0, fragments: [], variables: {}, operationVariables: [], features: new Set() };
  const queryType = options.schema.getQueryType()!;
  const rootNames = Object.keys(options.roots);
  const operations: string[] = [];
  const operationCount = 1 + pick(options.maxOperations);
  if (operationCount > 1) b.features.add('several operations');
  for (let o = 0; o < operationCount; o++) {
    b.operationVariables = [];
    const roots: string[] = [];
    for (let r = 0, count = 1 + pick(2); r < count; r++) {
      const rootName = rootNames[pick(rootNames.length)]!;
      const field = queryType.getFields()[rootName]!;
      const args = options.roots[rootName]!;
      const alias = `f${b.counter++}_${queryType.name}__${rootName}`;
      const selection = buildSelection(options, getNamedType(field.type) as GraphQLCompositeType, 2, b);
      roots.push(`${alias}: ${rootName}${args[pick(args.length)]} { ${selection} }`);
    }
    const declaration = b.operationVariables.length ? `(${b.operationVariables.map((v) => `$${v}: Boolean!`).join(', ')})` : '';
    operations.push(`query O${o}${declaration} { ${roots.join(' ')} }`);
  }
  return {
    query: [...operations, ...b.fragments].join('\n'),
    operationName: `O${pick(operationCount)}`,
    variables: b.variables,
    features: b.features,
  };
}
