/** What every publish check sees: one subgraph's SDL and where to report a violation. */
import { Kind, type DocumentNode, type FieldDefinitionNode } from 'graphql';
import { findShareDirective, readShareArgs, type ShareDirectiveArgs } from '../share-directive-args.ts';

export interface PublishViolation {
  subgraph: string;
  /** `Type.field` */
  coordinate: string;
  message: string;
}

export interface PublishCheckContext {
  subgraph: string;
  document: DocumentNode;
  report(coordinate: string, message: string): void;
  /** The type-level `@share` of a type in this subgraph, if any. */
  typeShare(typeName: string): ShareDirectiveArgs | undefined;
  /** The share that applies to a field: its own `@share`, else its type's. */
  effectiveShare(typeName: string, field: FieldDefinitionNode): ShareDirectiveArgs | undefined;
}

const TYPE_KINDS = new Set<string>([Kind.OBJECT_TYPE_DEFINITION, Kind.OBJECT_TYPE_EXTENSION, Kind.INTERFACE_TYPE_DEFINITION, Kind.INTERFACE_TYPE_EXTENSION]);

export function createPublishCheckContext(subgraph: string, document: DocumentNode, violations: PublishViolation[]): PublishCheckContext {
  const typeShares = new Map<string, ShareDirectiveArgs>();
  for (const definition of document.definitions) {
    if (!TYPE_KINDS.has(definition.kind) || !('name' in definition) || !definition.name) continue;
    const directive = findShareDirective('directives' in definition ? definition.directives : undefined);
    if (directive) typeShares.set(definition.name.value, readShareArgs(directive));
  }
  return {
    subgraph,
    document,
    report: (coordinate, message) => violations.push({ subgraph, coordinate, message }),
    typeShare: (typeName) => typeShares.get(typeName),
    effectiveShare: (typeName, field) => {
      const own = findShareDirective(field.directives);
      return own ? readShareArgs(own) : typeShares.get(typeName);
    },
  };
}

type ResourceTypeNode = {
  name: { value: string };
  fields?: readonly FieldDefinitionNode[] | undefined;
  directives?: readonly import('graphql').ConstDirectiveNode[] | undefined;
};

/** A visitor calling `onField` for every field of every object and interface type (definitions and extensions). */
export function visitResourceFields(onField: (typeName: string, field: FieldDefinitionNode, type: ResourceTypeNode) => void): import('graphql').ASTVisitor {
  const visitType = (node: ResourceTypeNode): false => {
    for (const field of node.fields ?? []) onField(node.name.value, field, node);
    return false;
  };
  return {
    ObjectTypeDefinition: visitType,
    ObjectTypeExtension: visitType,
    InterfaceTypeDefinition: visitType,
    InterfaceTypeExtension: visitType,
  };
}
