/**
 * NONE requires basis
 *
 * A subgraph is only published if every data item it does not share (`NONE`) names the law,
 * regulation or policy that rules out sharing it.
 * Serves art. 11(1): 不予共享 needs a legal basis.
 */
import type { ASTVisitor } from 'graphql';
import { visitResourceFields, type PublishCheckContext } from './publish-check-context.ts';

export function noneRequiresBasisRule(context: PublishCheckContext): ASTVisitor {
  return visitResourceFields((typeName, field) => {
    const share = context.effectiveShare(typeName, field);
    if (share?.type === 'NONE' && !share.basis?.trim()) {
      context.report(`${typeName}.${field.name.value}`, 'is NONE without a legal basis: add basis: "..." naming the law, regulation or policy (art. 11(1))');
    }
  });
}
