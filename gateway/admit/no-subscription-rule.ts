/**
 * No subscriptions
 *
 * An operation is only valid if it is a query or a mutation: the federation gateway executes no
 * subscriptions, and without this rule one would reach execution and fail there as an internal error.
 * Serves art. 19: every input gets a clear answer (400 GRAPHQL_VALIDATION_FAILED), never a crash.
 */
import type { ASTVisitor, ValidationContext } from 'graphql';
import { shareError } from '../../platform/errors.ts';

export function noSubscriptionRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(operation) {
      if (operation.operation !== 'subscription') return;
      const message = 'Subscriptions are not supported by this gateway: send a query or a mutation';
      context.reportError(shareError('GRAPHQL_VALIDATION_FAILED', { message, nodes: [operation] }));
    },
  };
}
