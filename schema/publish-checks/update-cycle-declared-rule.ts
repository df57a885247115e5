/**
 * Update cycle declared
 *
 * A subgraph is only published if every resource it classifies (a type-level `@share` with
 * `resource:`) declares the cycle its provider keeps it current on, and every declared cycle is one
 * of the known ones. The catalog shows the cycle and the platform measures freshness against it.
 * Serves 周政发〔2018〕6号 art. 14: providers keep shared data current per the declared update cycle.
 */
import type { ASTVisitor } from 'graphql';
import { isUpdateCycle, UPDATE_CYCLES } from '../../policies/freshness.ts';
import { findShareDirective, readShareArgs } from '../share-directive-args.ts';
import { visitResourceFields, type PublishCheckContext } from './publish-check-context.ts';

const KNOWN = UPDATE_CYCLES.join(', ');

export function updateCycleDeclaredRule(context: PublishCheckContext): ASTVisitor {
  const reported = new Set<string>();
  return visitResourceFields((typeName, field, type) => {
    const typeDirective = findShareDirective(type.directives);
    const typeShare = typeDirective ? readShareArgs(typeDirective) : undefined;
    if (typeShare && !reported.has(typeName)) {
      reported.add(typeName);
      if (typeShare.resource !== undefined && typeShare.updateCycle === undefined) {
        context.report(typeName, `declares a resource without an update cycle: add updateCycle: ${KNOWN} to its @share (art. 14)`);
      } else if (typeShare.updateCycle !== undefined && !isUpdateCycle(typeShare.updateCycle)) {
        context.report(typeName, `declares the update cycle "${typeShare.updateCycle.slice(0, 40)}", which is not one of ${KNOWN} (art. 14)`);
      }
    }
    const own = findShareDirective(field.directives);
    const cycle = own ? readShareArgs(own).updateCycle : undefined;
    if (cycle !== undefined && !isUpdateCycle(cycle)) {
      context.report(`${typeName}.${field.name.value}`, `declares the update cycle "${cycle.slice(0, 40)}", which is not one of ${KNOWN} (art. 14)`);
    }
  });
}
