/** Runs every publish check over one subgraph's SDL and returns the violations (empty when publishable). */
import { visit, visitInParallel, type DocumentNode } from 'graphql';
import { baseItemsUnconditionalRule } from './base-items-unconditional-rule.ts';
import { deniableFieldsNullableRule } from './deniable-fields-nullable-rule.ts';
import { maskFitsFieldRule } from './mask-fits-field-rule.ts';
import { noneRequiresBasisRule } from './none-requires-basis-rule.ts';
import { createPublishCheckContext, type PublishViolation } from './publish-check-context.ts';
import { shareDeclaredRule } from './share-declared-rule.ts';
import { updateCycleDeclaredRule } from './update-cycle-declared-rule.ts';

const PUBLISH_CHECKS = [
  shareDeclaredRule,
  noneRequiresBasisRule,
  baseItemsUnconditionalRule,
  deniableFieldsNullableRule,
  maskFitsFieldRule,
  updateCycleDeclaredRule,
];

export function checkSubgraph(subgraph: string, document: DocumentNode): PublishViolation[] {
  const violations: PublishViolation[] = [];
  const context = createPublishCheckContext(subgraph, document, violations);
  visit(document, visitInParallel(PUBLISH_CHECKS.map((rule) => rule(context))));
  return violations;
}
