/**
 * The authorizer's hand-written walk against the walk it replaced (graphql-js `visit` with `TypeInfo`,
 * kept here as the reference, verbatim): for random documents over the test schema (aliases, some of
 * them starting with the row alias prefix, named, inline and untyped fragments, fragments spread twice or
 * never, abstract types, meta fields, arguments and `@include/@skip` with variables, several operations)
 * and random abilities (grants with and without row conditions and masks, a provider's department, an
 * interface field decided per record), both give the same verdict: the same document (node for node
 * where nothing changed), the same denied nodes, the same lists, row scopes and prefix.
 */
import fc from 'fast-check';
import {
  Kind,
  TypeInfo,
  isAbstractType,
  isObjectType,
  parse,
  print,
  visit,
  visitWithTypeInfo,
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { authorizeOperation, type DeniedField, type OperationVerdict } from './authorize-operation.ts';
import { buildShareAbility, type ShareAbility } from './build-share-ability.ts';
import { canReadField } from './can-read-field.ts';
import { rowScopeOf } from './decide-row.ts';
import { NOW, grant, testCatalog, testSchema } from './test-fixtures.ts';
import type { FieldShare, Grant, ShareCatalog } from './types.ts';

/** Grants to draw from: plain, row-scoped (on a known and an unknown attribute), masked, an exception. */
const GRANT_POOL: Grant[] = [
  grant({ id: 'pension', field: 'Resident.pension' }),
  grant({ id: 'address-row', field: 'Resident.address', condition: { id: { $in: ['1'] } } }),
  grant({ id: 'address-masked', field: 'Resident.address', mask: 'ADDRESS_TO_SUBDISTRICT' }),
  grant({ id: 'former', field: 'Resident.formerEmployer' }),
  grant({ id: 'penalties-row', field: 'Enterprise.penalties', condition: { name: { $in: ['x'] }, id: { $in: ['2'] } } }),
  grant({ id: 'penalties', field: 'Enterprise.penalties' }),
  grant({ id: 'pension-in-row', field: 'Resident.pensionIn', condition: { notAField: { $in: ['y'] } } }),
  grant({ id: 'record', kind: 'EXCEPTION', field: 'Resident.record', basis: 'law' }),
  grant({ id: 'name-row', field: 'Resident.name', condition: { id: { $in: ['3'] } } }),
];
const DEPARTMENTS = ['civil-affairs', 'human-resources', 'market-regulation', 'public-security'];

/** The test catalog, and one where `Resident.name` is CONDITIONAL (so `Holder.name` can be decided per record). */
const CATALOGS: ShareCatalog[] = [
  testCatalog,
  new Map<string, FieldShare>([...testCatalog, ['Resident.name', { ...testCatalog.get('Resident.name')!, shareType: 'CONDITIONAL' }]]),
];

const ALIASES = ['', 'a', 'zcRow', 'zcRow_x', 'zcRow__', 'zcRowy', 'b_'];
const ARGUMENTS: Record<string, string[]> = {
  resident: ['(id: "1")', '(id: $id)'],
  search: ['(text: "x")', '(text: $text)'],
  holder: ['(no: "1")'],
  pensionIn: ['', '(year: 2020)', '(year: $year)'],
};
const DIRECTIVES = ['', '', '', ' @include(if: $show)', ' @skip(if: $show)', ' @include(if: true)', ' @skip(if: false)'];

/** A random document over the test schema; `seed` is the stream of choices. */
function randomDocument(seed: readonly number[]): { query: string; operationName: string } {
  let cursor = 0;
  let counter = 0;
  const pick = (n: number) => (n <= 1 ? 0 : seed[cursor++ % seed.length]! % n);
  const choose = <T>(items: readonly T[]): T => items[pick(items.length)]!;
  const fragments: string[] = [];
  const selection = (typeName: string, depth: number): string => {
    const type = testSchema.getType(typeName) as GraphQLCompositeType;
    const parts: string[] = [];
    const fieldNames = 'getFields' in type ? Object.keys(type.getFields()) : [];
    for (let i = 0, count = pick(4); i < count; i++) {
      const name = choose([...fieldNames, '__typename']);
      const field = name === '__typename' || !('getFields' in type) ? undefined : type.getFields()[name]!;
      const named = field ? String(field.type).replace(/[[\]!]/g, '') : 'String';
      const composite = testSchema.getType(named) && !['String', 'ID', 'Float', 'Int', 'Boolean'].includes(named);
      if (composite && depth >= 4) continue;
      const alias = choose(ALIASES);
      const args = ARGUMENTS[name] ? choose(ARGUMENTS[name]) : '';
      const sub = composite ? ` { ${selection(named, depth + 1)} }` : '';
      parts.push(`${alias ? `${alias}${counter++}: ` : ''}${name}${args}${choose(DIRECTIVES)}${sub}`);
    }
    if (depth < 4 && (isAbstractType(type) || pick(3) === 0)) {
      const conditions = isAbstractType(type) ? ['Resident', 'Enterprise', 'Holder'] : [typeName, 'Holder'];
      const target = choose(conditions);
      const inner = selection(target, depth + 1);
      const how = pick(4);
      if (how === 0) {
        const name = `F${counter++}`;
        fragments.push(`fragment ${name} on ${target}${choose(DIRECTIVES)} { ${inner} }`);
        parts.push(`...${name}${choose(DIRECTIVES)}`);
        if (pick(3) === 0) parts.push(`...${name}`);
      } else if (how === 1) {
        parts.push(`...${choose(DIRECTIVES)} { ${selection(typeName, depth + 1)} }`);
      } else {
        parts.push(`... on ${target}${choose(DIRECTIVES)} { ${inner} }`);
      }
    }
    if (pick(6) === 0) fragments.push(`fragment Unused${counter++} on Resident { record name }`);
    return parts.length === 0 ? '__typename' : parts.join(' ');
  };
  const roots = ['resident', 'search', 'holder', '__schema', '__type', '__typename'];
  const operations: string[] = [];
  const operationCount = 1 + pick(2);
  for (let o = 0; o < operationCount; o++) {
    const fields: string[] = [];
    for (let r = 0, count = 1 + pick(3); r < count; r++) {
      const root = choose(roots);
      const alias = choose(ALIASES);
      const prefix = alias ? `${alias}${counter++}: ` : '';
      if (root === '__schema') fields.push(`${prefix}__schema { types { name fields { name } } }`);
      else if (root === '__type') fields.push(`${prefix}__type(name: "Resident") { name }`);
      else if (root === '__typename') fields.push(`${prefix}__typename`);
      else {
        const type = root === 'resident' ? 'Resident' : root === 'search' ? 'SearchHit' : 'Holder';
        fields.push(`${prefix}${root}${choose(ARGUMENTS[root]!)}${choose(DIRECTIVES)} { ${selection(type, 2)} }`);
      }
    }
    const unused = pick(2) === 0 ? ', $unused: Int' : '';
    operations.push(`query O${o}($id: ID!, $text: String, $year: Int, $show: Boolean!${unused}) { ${fields.join(' ')} }`);
  }
  return { query: [...operations, ...fragments].join('\n'), operationName: `O${pick(operationCount)}` };
}

function abilityOf(dept: string, catalogIndex: number, grantMask: number): ShareAbility {
  const grants = GRANT_POOL.filter((_, index) => (grantMask >> index) & 1);
  return buildShareAbility({ consumer: { dept }, purpose: 'ADMINISTRATIVE_BASIS', catalog: CATALOGS[catalogIndex]!, grants, now: NOW }).ability;
}

function expectSameVerdict(document: DocumentNode, operation: OperationDefinitionNode, ability: ShareAbility): OperationVerdict {
  const actual = authorizeOperation(testSchema, document, operation, ability);
  const expected = referenceAuthorizeOperation(testSchema, document, operation, ability);
  expect(actual.document === document).toBe(expected.document === document);
  expect(actual.document).toEqual(expected.document);
  expect(print(actual.document)).toBe(print(expected.document));
  expect(actual.operation).toEqual(expected.operation);
  if (actual.document !== document) expect(actual.document.definitions[0]).toBe(actual.operation);
  expect([...actual.deniedNodes]).toEqual([...expected.deniedNodes]);
  expect([...actual.deniedNodes.keys()].every((node, index) => node === [...expected.deniedNodes.keys()][index])).toBe(true);
  expect(actual.deniedFields).toEqual(expected.deniedFields);
  expect(actual.grantedFields).toEqual(expected.grantedFields);
  expect([...actual.rowScoped]).toEqual([...expected.rowScoped]);
  expect(actual.rowAliasPrefix).toBe(expected.rowAliasPrefix);
  return actual;
}

function operationNamed(document: DocumentNode, name: string): OperationDefinitionNode {
  return document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name)!;
}

describe('authorizeOperation against the visit-based walk it replaced', () => {
  it('when documents and abilities are random, then both give the same verdict', () => {
    const seen = { denied: 0, rowScoped: 0, untouched: 0, prefixLengthened: 0 };
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 1, maxLength: 80 }),
        fc.constantFrom(...DEPARTMENTS),
        fc.nat({ max: 1 }),
        fc.nat({ max: 2 ** GRANT_POOL.length - 1 }),
        (seed, dept, catalogIndex, grantMask) => {
          const { query, operationName } = randomDocument(seed);
          const document = parse(query);
          const verdict = expectSameVerdict(document, operationNamed(document, operationName), abilityOf(dept, catalogIndex, grantMask));
          if (verdict.deniedFields.length > 0) seen.denied++;
          if (verdict.rowScoped.size > 0) seen.rowScoped++;
          if (verdict.document === document) seen.untouched++;
          if (verdict.rowAliasPrefix !== 'zcRow') seen.prefixLengthened++;
        },
      ),
      { numRuns: 1_500 },
    );
    // The generator must reach every kind of verdict, or the comparison proves little: each in at least
    // 1 % of the runs (the rarest, a lengthened row alias prefix, comes in about 3 %: 50 ± 7 of 1 500).
    for (const count of Object.values(seen)) expect(count).toBeGreaterThanOrEqual(15);
  });

  it('when a document repeats a fragment name or an operation uses no fragment, then both give the same verdict', () => {
    const ability = abilityOf('civil-affairs', 1, 0b100000010);
    const queries = [
      'query A { resident(id: "1") { ...R } } fragment R on Resident { record } fragment R on Resident { name address }',
      'query A { resident(id: "1") { name } } query B { resident(id: "1") { record ...R } } fragment R on Resident { pension }',
      'query A($v: [String], $o: String) { search(text: "x") @include(if: true) { ... on Resident { record pensionIn(year: 1) } } resident(id: "1") { zcRow___: name address @skip(if: false) } }',
      'query A { holder(no: "1") { name ... on Holder { id } } }',
      'query A { unknown { ... on Resident { record name } } resident(id: "1") { nothing { ... on Enterprise { penalties } } } }',
    ];
    for (const query of queries) {
      const document = parse(query);
      expectSameVerdict(document, operationNamed(document, 'A'), ability);
    }
  });
});

// The walk that was replaced, verbatim but for its name: graphql-js `visit` with `TypeInfo`.

const TYPENAME_SELECTION: SelectionSetNode = {
  kind: Kind.SELECTION_SET,
  selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }],
};

function referenceAuthorizeOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  ability: ShareAbility,
): OperationVerdict {
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
