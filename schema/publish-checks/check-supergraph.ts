/**
 * Runs the publish checks that need the whole composed supergraph (the fields leading to a type can come
 * from several departments) and returns the violations (empty when publishable).
 */
import type { PublishViolation } from './publish-check-context.ts';
import { sharePathsConsistentRule } from './share-paths-consistent-rule.ts';
import { createSupergraphCheckContext } from './supergraph-check-context.ts';

const SUPERGRAPH_CHECKS = [sharePathsConsistentRule];

export function checkSupergraph(supergraphSdl: string): PublishViolation[] {
  const violations: PublishViolation[] = [];
  const context = createSupergraphCheckContext(supergraphSdl, violations);
  for (const rule of SUPERGRAPH_CHECKS) rule(context);
  return violations;
}
