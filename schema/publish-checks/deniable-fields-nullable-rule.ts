/**
 * Deniable fields nullable
 *
 * A subgraph is only published if every item that can be denied (CONDITIONAL or NONE) is nullable:
 * the gateway answers a denied item with `null`, and a `null` in a non-null position would wipe out
 * its parent, hiding data the consumer may read.
 * Serves the GraphQL spec's null propagation (§6.4.4) under art. 10 field-level sharing.
 */
import { Kind, type ASTVisitor } from 'graphql';
import { visitResourceFields, type PublishCheckContext } from './publish-check-context.ts';

export function deniableFieldsNullableRule(context: PublishCheckContext): ASTVisitor {
  return visitResourceFields((typeName, field) => {
    const share = context.effectiveShare(typeName, field);
    if (share?.type && share.type !== 'UNCONDITIONAL' && field.type.kind === Kind.NON_NULL_TYPE) {
      context.report(`${typeName}.${field.name.value}`, `is ${share.type} and can be denied, so it must be nullable: remove the "!"`);
    }
  });
}
