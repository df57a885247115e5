/**
 * Base items unconditional
 *
 * A subgraph is only published if the identifying items (the `@key` fields) of a base resource
 * are shared unconditionally.
 * Serves art. 11(2): base items of base information resources are shared without condition.
 */
import { Kind, type ASTVisitor, type ConstDirectiveNode } from 'graphql';
import { visitResourceFields, type PublishCheckContext } from './publish-check-context.ts';

function keyFieldNames(directives: readonly ConstDirectiveNode[] | undefined): Set<string> {
  const names = new Set<string>();
  for (const directive of directives ?? []) {
    if (directive.name.value !== 'key') continue;
    const fields = directive.arguments?.find((argument) => argument.name.value === 'fields')?.value;
    if (fields?.kind !== Kind.STRING) continue;
    // Only top-level names identify the entity here; nested selections are of other types.
    for (const name of fields.value.replace(/\{[^}]*\}/g, ' ').split(/[\s,]+/)) if (name) names.add(name);
  }
  return names;
}

export function baseItemsUnconditionalRule(context: PublishCheckContext): ASTVisitor {
  return visitResourceFields((typeName, field, type) => {
    if (context.typeShare(typeName)?.resource !== 'BASE') return;
    if (!keyFieldNames(type.directives).has(field.name.value)) return;
    const share = context.effectiveShare(typeName, field);
    if (share?.type !== 'UNCONDITIONAL') {
      context.report(`${typeName}.${field.name.value}`, 'identifies a base resource and must be UNCONDITIONAL (art. 11(2))');
    }
  });
}
