/**
 * Share declared
 *
 * A subgraph is only published if every data item has a share type: its own `@share`, or one on
 * its type that it inherits. An item without one would be denied to everyone by the gateway.
 * Serves art. 7 and 10: every data item in the catalog states its share type.
 */
import type { ASTVisitor } from 'graphql';
import { visitResourceFields, type PublishCheckContext } from './publish-check-context.ts';

export function shareDeclaredRule(context: PublishCheckContext): ASTVisitor {
  return visitResourceFields((typeName, field) => {
    const share = context.effectiveShare(typeName, field);
    const coordinate = `${typeName}.${field.name.value}`;
    if (!share) context.report(coordinate, 'has no share type: add @share(type: ...) to the field or its type (art. 10)');
    else if (!share.type) context.report(coordinate, 'has an unknown share type: use UNCONDITIONAL, CONDITIONAL or NONE (art. 10)');
  });
}
