/**
 * Depth limit
 *
 * An operation is only valid if no selection nests deeper than the limit (fragments followed).
 * A hostile query cannot make the gateway plan and fetch an unbounded tree across departments.
 * Introspection (`__schema`, `__type`) is exempt: its depth is bounded by the schema itself.
 * Serves art. 19: a stable and reliable platform.
 */
import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext } from 'graphql';

export function depthLimitRule(maxDepth: number) {
  return function DepthLimitRule(context: ValidationContext): ASTVisitor {
    const depthOf = (selectionSet: SelectionSetNode, seen: Set<string>): number => {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) continue;
          deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, seen) : 1);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
        } else {
          const name = selection.name.value;
          const fragment = context.getFragment(name);
          if (!fragment || seen.has(name)) continue;
          deepest = Math.max(deepest, depthOf(fragment.selectionSet, new Set([...seen, name])));
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, new Set());
        if (depth > maxDepth) {
          context.reportError(new GraphQLError(`The operation nests ${depth} levels deep; at most ${maxDepth} are allowed`, { nodes: [operation] }));
        }
      },
    };
  };
}
