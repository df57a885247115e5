/**
 * Keys and entities, counted before execution (art. 19; bulk extraction by aliases and batches).
 * Once Apollo Server knows the operation and its variables, this plugin counts the entity keys it
 * names: every key-typed argument (`citizenIds`, `creditCode`, …) of every field and alias, literal or
 * variable, fragments expanded. One HTTP request may name at most `keysPerRequest` keys summed over its
 * operations: a batch operation that would pass the sum is refused (TOO_MANY_KEYS) and the ones before
 * it stand, so what runs never names more. Then the operation's entities (keys, plus one per root field
 * that names none) are taken from the application's entity budget; over it: 429 RATE_LIMITED.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { Kind, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type DocumentNode } from 'graphql';
import type { ConsumeEntities } from './entity-budget.ts';
import { shareError } from '../../platform/errors.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { keysNamed, measureOperation, type OperationFigures } from './measure-operation.ts';

export interface KeyBudgetOptions {
  keysPerRequest: number;
  /** Absent: no entity budget (only the key limit applies). */
  entityBudget?: ConsumeEntities | undefined;
}

export function keyBudgetPlugin(options: KeyBudgetOptions): ApolloServerPlugin<GatewayContext> {
  // Apollo hands back the same parsed document for the same text, so figures are measured once per operation.
  const figuresOf = new WeakMap<OperationDefinitionNode, OperationFigures>();

  const measure = (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode) => {
    let figures = figuresOf.get(operation);
    if (!figures) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      figuresOf.set(operation, (figures = measureOperation(schema, operation, fragments)));
    }
    return figures;
  };

  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          if (!requestContext.operation) return;
          const figures = measure(requestContext.schema, requestContext.document, requestContext.operation);
          const context = requestContext.contextValue;
          const keys = keysNamed(figures, requestContext.request.variables);
          const total = context.keys.named + keys;
          if (total > options.keysPerRequest) {
            const message = `The request names ${total} entity keys (this operation ${keys}); at most ${options.keysPerRequest} per request are allowed`;
            throw shareError('TOO_MANY_KEYS', { message, extensions: { max: options.keysPerRequest, found: total }, withStatus: true });
          }
          context.keys.named = total;
          const entities = keys + figures.keylessRootFields;
          if (!options.entityBudget || entities === 0) return;
          const verdict = await options.entityBudget(context.consumer, entities);
          if (verdict.ok) return;
          throw shareError('RATE_LIMITED', {
            message: `Your application's entity budget per minute is spent (this operation asks for ${entities}); retry in ${verdict.retryAfterSeconds} s`,
            withStatus: true,
            headers: new HeaderMap([['retry-after', String(verdict.retryAfterSeconds)]]),
          });
        },
      };
    },
  };
}
