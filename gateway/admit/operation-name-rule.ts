/**
 * Operation name
 *
 * An operation is only valid if its name, when it has one, is consumer text the audit record may
 * hold: at most `OPERATION_NAME_TEXT.maxLength` characters (GraphQL itself bounds a name's
 * characters, not its length). Names asked for over HTTP are checked at the edge; this checks the
 * names written in the document, which the record carries once the operation is resolved.
 * Serves art. 15: a record of every use, of bounded size.
 */
import type { ASTVisitor, ValidationContext } from 'graphql';
import { shareError } from '../../platform/errors.ts';
import { OPERATION_NAME_TEXT, readConsumerText } from './read-consumer-text.ts';

export function operationNameRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(operation) {
      if (!operation.name) return;
      const verdict = readConsumerText(operation.name.value, OPERATION_NAME_TEXT);
      if ('problem' in verdict)
        context.reportError(shareError('GRAPHQL_VALIDATION_FAILED', { message: `The operation's name: ${verdict.problem}`, nodes: [operation.name] }));
    },
  };
}
