/**
 * Reads the share metadata of every data item out of a supergraph: the field's `@share` (or its
 * type's, for supergraphs composed elsewhere) and its provider from the federation join metadata.
 * A field without any `@share` is left out (and so denied), unless the caller chooses to treat
 * undeclared fields as UNCONDITIONAL.
 */
import { Kind, parse, type ConstDirectiveNode, type DocumentNode, type FieldDefinitionNode, type TypeNode } from 'graphql';
import { isMaskKind, isPurpose, type FieldShare, type MaskKind, type Purpose, type ShareCatalog } from '../policies/types.ts';
import { findShareDirective, readShareArgs } from './share-directive-args.ts';

export interface ReadShareCatalogOptions {
  /** Treat fields without `@share` as UNCONDITIONAL instead of denying them. Default false. */
  undeclaredAsUnconditional?: boolean;
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((argument) => argument.name.value === name)?.value;
  return value && (value.kind === Kind.STRING || value.kind === Kind.ENUM) ? value.value : undefined;
}

function isExternal(directive: ConstDirectiveNode): boolean {
  const value = directive.arguments?.find((argument) => argument.name.value === 'external')?.value;
  return value?.kind === Kind.BOOLEAN && value.value;
}

/** join__Graph enum value → subgraph name. */
function readGraphNames(document: DocumentNode): Map<string, string> {
  const names = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const graph = value.directives?.find((directive) => directive.name.value === 'join__graph');
      names.set(value.name.value, (graph && stringArgument(graph, 'name')) ?? value.name.value.toLowerCase());
    }
  }
  return names;
}

function graphsOf(directives: readonly ConstDirectiveNode[] | undefined, directiveName: string): string[] {
  return (directives ?? [])
    .filter((directive) => directive.name.value === directiveName && !isExternal(directive))
    .map((directive) => stringArgument(directive, 'graph'))
    .filter((graph): graph is string => graph !== undefined);
}

/**
 * An entity's key fields are defined by every subgraph that references the entity; their provider is
 * the department that holds most of the entity's items (the population register for Resident, the
 * enterprise register for Enterprise), so that department comes first.
 */
function owningGraphFirst(graphs: string[], fields: readonly FieldDefinitionNode[]): string[] {
  const owned = new Map<string, number>();
  for (const field of fields) {
    const fieldGraphs = graphsOf(field.directives, 'join__field');
    if (fieldGraphs.length === 1) owned.set(fieldGraphs[0]!, (owned.get(fieldGraphs[0]!) ?? 0) + 1);
  }
  return [...graphs].sort((a, b) => (owned.get(b) ?? 0) - (owned.get(a) ?? 0));
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** Declared masks with a known purpose and kind; the publish checks refuse any other before composition. */
function knownMasks(masks: Readonly<Record<string, string>> | undefined): Partial<Record<Purpose, MaskKind>> | undefined {
  const known = Object.entries(masks ?? {}).filter((entry): entry is [Purpose, MaskKind] => isPurpose(entry[0]) && isMaskKind(entry[1]));
  return known.length > 0 ? Object.fromEntries(known) : undefined;
}

/** Type name → the update cycle its type-level `@share` declares (art. 14). */
function readTypeCycles(document: DocumentNode): Map<string, string> {
  const cycles = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeShare = findShareDirective(definition.directives);
    const cycle = typeShare ? readShareArgs(typeShare).updateCycle : undefined;
    if (cycle) cycles.set(definition.name.value, cycle);
  }
  return cycles;
}

export function readShareCatalog(supergraphSdl: string, options: ReadShareCatalogOptions = {}): ShareCatalog {
  const document = parse(supergraphSdl);
  const graphNames = readGraphNames(document);
  const catalog = new Map<string, FieldShare>();
  const typeCycles = readTypeCycles(document);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeName = definition.name.value;
    if (typeName.startsWith('join__') || typeName.startsWith('link__')) continue;
    const typeGraphs = owningGraphFirst(graphsOf(definition.directives, 'join__type'), definition.fields ?? []);
    const typeShare = findShareDirective(definition.directives);
    const resourceClass = typeShare ? readShareArgs(typeShare).resource : undefined;
    for (const field of definition.fields ?? []) {
      const directive = findShareDirective(field.directives) ?? typeShare;
      const args = directive ? readShareArgs(directive) : undefined;
      const shareType = args?.type ?? (options.undeclaredAsUnconditional && !directive ? 'UNCONDITIONAL' : undefined);
      if (!shareType) continue;
      const fieldGraphs = graphsOf(field.directives, 'join__field');
      const graph = fieldGraphs.length === 1 ? fieldGraphs[0] : typeGraphs.find((g) => fieldGraphs.length === 0 || fieldGraphs.includes(g));
      const coordinate = `${typeName}.${field.name.value}`;
      const masks = knownMasks(args?.masks);
      // A field that leads to another resource (an entity extension's list of records) is kept as current as that resource.
      const cycle = args?.updateCycle ?? typeCycles.get(namedType(field.type)) ?? typeCycles.get(typeName);
      catalog.set(coordinate, {
        coordinate,
        typeName,
        fieldName: field.name.value,
        shareType,
        provider: (graph && graphNames.get(graph)) ?? 'unknown',
        ...(args?.basis !== undefined ? { basis: args.basis } : {}),
        ...(args?.condition !== undefined ? { condition: args.condition } : {}),
        declared: directive !== undefined,
        ...(resourceClass ? { resourceClass } : {}),
        ...(field.description ? { description: field.description.value } : {}),
        ...(masks ? { masks } : {}),
        ...(cycle !== undefined ? { updateCycle: cycle } : {}),
        valueType: namedType(field.type),
      });
    }
  }
  return catalog;
}
