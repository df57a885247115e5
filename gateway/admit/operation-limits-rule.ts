/**
 * Operation limits
 *
 * An operation is only valid if its depth, selections, aliases, root fields, directives and
 * introspection fields stay within the gateway's limits, fragments expanded. Measured in one pass
 * (each fragment once), so the hostile operation is refused in time linear in its text.
 * Serves art. 19: a stable and reliable platform; refusals carry OPERATION_TOO_COMPLEX.
 */
import { Kind, type ASTVisitor, type FragmentDefinitionNode, type GraphQLError, type ValidationContext } from 'graphql';
import { shareError } from '../../platform/errors.ts';
import { measureOperation, type OperationFigures } from './measure-operation.ts';
import type { OperationLimits } from './operation-limits.ts';

const MEASURED: ReadonlyArray<[keyof OperationFigures & keyof OperationLimits, string]> = [
  ['depth', 'nests {found} levels deep; at most {max} are allowed'],
  ['selections', 'selects {found} fields (fragments expanded); at most {max} are allowed'],
  ['aliases', 'uses {found} aliases (fragments expanded); at most {max} are allowed'],
  ['rootFields', 'has {found} root fields; at most {max} are allowed'],
  ['directives', 'uses {found} directives (fragments expanded); at most {max} are allowed'],
  ['introspection', 'asks for {found} introspection fields (__schema, __type); at most {max} are allowed'],
];

/** One OPERATION_TOO_COMPLEX error per limit the figures exceed, naming the limit, its maximum and what was found. */
export function exceededLimits(figures: OperationFigures, limits: OperationLimits): GraphQLError[] {
  const errors: GraphQLError[] = [];
  for (const [limit, text] of MEASURED) {
    const found = figures[limit];
    if (found <= limits[limit]) continue;
    const message = `The operation ${text.replace('{found}', String(found)).replace('{max}', String(limits[limit]))}`;
    errors.push(shareError('OPERATION_TOO_COMPLEX', { message, extensions: { limit, max: limits[limit], found } }));
  }
  return errors;
}

export function operationLimitsRule(limits: OperationLimits) {
  return function OperationLimitsRule(context: ValidationContext): ASTVisitor {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    return {
      OperationDefinition(operation) {
        for (const error of exceededLimits(measureOperation(context.getSchema(), operation, fragments), limits)) context.reportError(error);
      },
    };
  };
}
