/**
 * Writes a type's `@share` onto each of its fields that has none, so that after composition every
 * field of the supergraph carries its own share metadata: an entity type is defined by several
 * subgraphs, each with its own type-level default, and only field-level metadata survives that
 * unambiguously. A field's own `@share` without an update cycle takes its type's (art. 14).
 */
import { Kind, visit, type ConstDirectiveNode, type DocumentNode, type FieldDefinitionNode } from 'graphql';
import { findShareDirective } from './share-directive-args.ts';

type TypeNodeWithFields = { directives?: readonly ConstDirectiveNode[] | undefined; fields?: readonly FieldDefinitionNode[] | undefined };

function fieldLevel(directive: ConstDirectiveNode): ConstDirectiveNode {
  return { ...directive, arguments: directive.arguments?.filter((argument) => argument.name.value !== 'resource') };
}

/** The field's own `@share` with the type's `updateCycle` added when it declares none. */
function withTypeCycle(field: FieldDefinitionNode, own: ConstDirectiveNode, typeShare: ConstDirectiveNode): FieldDefinitionNode {
  const cycle = typeShare.arguments?.find((argument) => argument.name.value === 'updateCycle');
  if (!cycle || own.arguments?.some((argument) => argument.name.value === 'updateCycle')) return field;
  const completed = { ...own, arguments: [...(own.arguments ?? []), cycle] };
  return { ...field, directives: field.directives?.map((directive) => (directive === own ? completed : directive)) };
}

function expand<T extends TypeNodeWithFields>(node: T): T | undefined {
  const typeShare = findShareDirective(node.directives) as ConstDirectiveNode | undefined;
  if (!typeShare || !node.fields) return undefined;
  const inherited = fieldLevel(typeShare);
  return {
    ...node,
    fields: node.fields.map((field) => {
      const own = findShareDirective(field.directives) as ConstDirectiveNode | undefined;
      return own ? withTypeCycle(field, own, typeShare) : { ...field, directives: [...(field.directives ?? []), inherited] };
    }),
  };
}

export function expandShareDefaults(document: DocumentNode): DocumentNode {
  return visit(document, {
    [Kind.OBJECT_TYPE_DEFINITION]: expand,
    [Kind.OBJECT_TYPE_EXTENSION]: expand,
    [Kind.INTERFACE_TYPE_DEFINITION]: expand,
    [Kind.INTERFACE_TYPE_EXTENSION]: expand,
  });
}
