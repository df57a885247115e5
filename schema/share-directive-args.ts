/** Reading `@share(...)` arguments off AST nodes, in subgraph SDL and in the supergraph alike. */
import { Kind, type ConstDirectiveNode, type DirectiveNode } from 'graphql';
import { isShareType, type ShareType } from '../policies/types.ts';

export interface ShareDirectiveArgs {
  /** Undefined when the directive names no known share type (reported by the publish checks). */
  type: ShareType | undefined;
  basis?: string;
  condition?: string;
  resource?: string;
  /** As written: checked by the publish checks (art. 14). */
  updateCycle?: string;
  /** `mask: { PURPOSE: KIND }` as written: names are checked by the publish checks, not here. */
  masks?: Readonly<Record<string, string>>;
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
  const maskArgument = directive.arguments?.find((argument) => argument.name.value === 'mask')?.value;
  const masks: Record<string, string> = {};
  if (maskArgument?.kind === Kind.OBJECT) {
    for (const entry of maskArgument.fields) masks[entry.name.value] = entry.value.kind === Kind.ENUM ? entry.value.value : '';
  }
  const type = args['type'];
  return {
    type: isShareType(type) ? type : undefined,
    ...(args['basis'] !== undefined ? { basis: args['basis'] } : {}),
    ...(args['condition'] !== undefined ? { condition: args['condition'] } : {}),
    ...(args['resource'] !== undefined ? { resource: args['resource'] } : {}),
    ...(args['updateCycle'] !== undefined ? { updateCycle: args['updateCycle'] } : {}),
    ...(maskArgument !== undefined ? { masks } : {}),
  };
}
