/**
 * What an operation costs, measured before any work: one pass over its selections in which every
 * fragment is measured once and then counted as often as it is spread. A kilobyte of fragments that
 * spread each other twice names 2^24 fields; their count comes out right (and refusable) in
 * microseconds, where following each spread would block the event loop for seconds.
 */
import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** Scalars that name one real-world entity (a resident, an enterprise): what a bulk query multiplies. */
const KEY_SCALARS: ReadonlySet<string> = new Set(['CitizenId', 'CreditCode']);

export interface OperationFigures {
  /** Deepest field nesting, introspection subtrees excepted (their depth is bounded by the schema). */
  depth: number;
  /** Every field below counts once per place it reaches the response, fragments expanded. */
  selections: number;
  aliases: number;
  directives: number;
  /** `__schema` and `__type` fields. */
  introspection: number;
  /** Root fields other than `__typename`. */
  rootFields: number;
  /** Root fields that name no key argument: each stands for (at least) one entity served. */
  keylessRootFields: number;
  /** Keys written in the document (key-typed arguments, list items counted one by one). */
  literalKeys: number;
  /** Variables given as key arguments → how many places use them; their values are counted per request. */
  keyVariables: ReadonlyMap<string, number>;
}

interface Tally {
  depth: number;
  selections: number;
  aliases: number;
  directives: number;
  introspection: number;
  literalKeys: number;
  keyVariables: Map<string, number>;
}

const emptyTally = (): Tally => ({ depth: 0, selections: 0, aliases: 0, directives: 0, introspection: 0, literalKeys: 0, keyVariables: new Map() });

function add(into: Tally, from: Tally, times = 1): void {
  into.depth = Math.max(into.depth, from.depth);
  into.selections += from.selections * times;
  into.aliases += from.aliases * times;
  into.directives += from.directives * times;
  into.introspection += from.introspection * times;
  into.literalKeys += from.literalKeys * times;
  for (const [name, uses] of from.keyVariables) into.keyVariables.set(name, (into.keyVariables.get(name) ?? 0) + uses * times);
}

function countKeys(value: ValueNode, tally: Tally): void {
  if (value.kind === Kind.LIST) {
    for (const item of value.values) countKeys(item, tally);
  } else if (value.kind === Kind.VARIABLE) {
    tally.keyVariables.set(value.name.value, (tally.keyVariables.get(value.name.value) ?? 0) + 1);
  } else if (value.kind !== Kind.NULL) {
    tally.literalKeys += 1;
  }
}

function fieldOf(type: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

/** Measures `operation`; `fragments` are the document's fragment definitions by name. Without a schema, keys are not recognised (every other figure is). */
export function measureOperation(
  schema: GraphQLSchema | undefined,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): OperationFigures {
  // Per fragment, measured once; `undefined` while being measured, so a cycle (refused by
  // validation anyway) counts as nothing instead of recursing forever.
  const measured = new Map<string, Tally | undefined>();

  const measureFragment = (name: string): Tally | undefined => {
    if (measured.has(name)) return measured.get(name);
    const fragment = fragments.get(name);
    if (!fragment) return undefined;
    measured.set(name, undefined);
    const tally = measureSet(fragment.selectionSet, schema?.getType(fragment.typeCondition.name.value) ?? undefined, false);
    measured.set(name, tally);
    return tally;
  };

  const measureSet = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, inIntrospection: boolean): Tally => {
    const tally = emptyTally();
    for (const selection of selectionSet.selections) {
      tally.directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = measureFragment(selection.name.value);
        if (fragment) add(tally, fragment);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? (schema?.getType(selection.typeCondition.name.value) ?? undefined) : parent;
        add(tally, measureSet(selection.selectionSet, type, inIntrospection));
        continue;
      }
      const name = selection.name.value;
      const introspective = inIntrospection || name === '__schema' || name === '__type';
      tally.selections += 1;
      if (selection.alias) tally.aliases += 1;
      if (name === '__schema' || name === '__type') tally.introspection += 1;
      const field = introspective ? undefined : fieldOf(parent, name);
      for (const argument of selection.arguments ?? []) {
        const definition = field?.args.find((arg) => arg.name === argument.name.value);
        if (definition && KEY_SCALARS.has(getNamedType(definition.type).name)) countKeys(argument.value, tally);
      }
      if (selection.selectionSet) {
        const child = measureSet(selection.selectionSet, field ? getNamedType(field.type) : undefined, introspective);
        add(tally, { ...child, depth: introspective ? 0 : child.depth + 1 });
      } else if (!introspective) {
        tally.depth = Math.max(tally.depth, 1);
      }
    }
    return tally;
  };

  const rootType =
    operation.operation === 'mutation'
      ? schema?.getMutationType()
      : operation.operation === 'subscription'
        ? schema?.getSubscriptionType()
        : schema?.getQueryType();
  const figures = measureSet(operation.selectionSet, rootType ?? undefined, false);
  figures.directives += operation.directives?.length ?? 0;
  const roots = rootFieldsOf(operation.selectionSet, fragments, rootType ?? undefined);
  return { ...figures, rootFields: roots.all, keylessRootFields: roots.keyless };
}

/** Root fields, fragments at the root expanded (each root fragment measured once). */
function rootFieldsOf(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  rootType: GraphQLNamedType | undefined,
): { all: number; keyless: number } {
  const seen = new Map<SelectionSetNode, { all: number; keyless: number }>();
  const count = (set: SelectionSetNode): { all: number; keyless: number } => {
    const known = seen.get(set);
    if (known) return known;
    const total = { all: 0, keyless: 0 };
    seen.set(set, total); // a cycle counts what was found so far
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === '__typename') continue;
        total.all += 1;
        const field = fieldOf(rootType, selection.name.value);
        const keyed = field?.args.some((arg) => KEY_SCALARS.has(getNamedType(arg.type).name) && selection.arguments?.some((a) => a.name.value === arg.name));
        if (!keyed && !selection.name.value.startsWith('__')) total.keyless += 1;
        continue;
      }
      const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet;
      if (!inner) continue;
      const sub = count(inner);
      total.all += sub.all;
      total.keyless += sub.keyless;
    }
    return total;
  };
  return count(selectionSet);
}

/** The keys an operation names once its variables are known: literal keys plus each key variable's values. */
export function keysNamed(figures: OperationFigures, variables: Readonly<Record<string, unknown>> | undefined): number {
  let keys = figures.literalKeys;
  for (const [name, uses] of figures.keyVariables) {
    const value = variables?.[name];
    keys += uses * (Array.isArray(value) ? value.length : value === undefined || value === null ? 0 : 1);
  }
  return keys;
}
