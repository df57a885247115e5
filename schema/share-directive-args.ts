/** Reading `@share(...)` arguments off AST nodes, in subgraph SDL and in the supergraph alike. */
import { Kind, type ConstDirectiveNode, type DirectiveNode } from 'graphql';
import { isShareType, type ShareType } from '../policies/types.ts';

export interface ShareDirectiveArgs {
  /** Undefined when the directive names no known share type (reported by the publish checks). */
  type: ShareType | undefined;
  basis?: string;
  condition?: string;
  resource?: string;
}

export function findShareDirective(directives: readonly (DirectiveNode | ConstDirectiveNode)[] | undefined): DirectiveNode | undefined {
  return directives?.find((directive) => directive.name.value === 'share');
}

export function readShareArgs(directive: DirectiveNode): ShareDirectiveArgs {
  const args: Record<string, string> = {};
  for (const argument of directive.arguments ?? []) {
    const value = argument.value;
    if (value.kind === Kind.ENUM || value.kind === Kind.STRING) args[argument.name.value] = value.value;
  }
  const type = args['type'];
  return {
    type: isShareType(type) ? type : undefined,
    ...(args['basis'] !== undefined ? { basis: args['basis'] } : {}),
    ...(args['condition'] !== undefined ? { condition: args['condition'] } : {}),
    ...(args['resource'] !== undefined ? { resource: args['resource'] } : {}),
  };
}
