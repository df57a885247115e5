/**
 * The gateway Apollo Server talks to: @apollo/gateway, wrapped at its public interface only.
 * Its executor becomes the enforcing executor; its API schema gets the validating key scalars,
 * so an invalid citizen ID or credit code is refused before any planning.
 */
import type { ApolloGateway } from '@apollo/gateway';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { isScalarType, type GraphQLSchema } from 'graphql';
import { SHARED_SCALARS } from '../../schema/scalars/index.ts';
import { createEnforcingExecutor, type EnforcementDependencies } from './enforce-operation.ts';

/**
 * The API schema built by @apollo/gateway knows the key scalars only by name. Giving them our
 * parsers is the one change made to a schema we do not own; serialization stays the identity.
 */
function useValidatingScalars(schema: GraphQLSchema): void {
  for (const scalar of SHARED_SCALARS) {
    const type = schema.getType(scalar.name);
    if (!isScalarType(type)) continue;
    type.parseValue = scalar.parseValue;
    type.parseLiteral = scalar.parseLiteral;
  }
}

export function createEnforcingGateway(inner: ApolloGateway, deps: EnforcementDependencies): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      return inner.onSchemaLoadOrUpdate((schemaContext) => {
        useValidatingScalars(schemaContext.apiSchema);
        callback(schemaContext);
      });
    },
    async load(options) {
      const { executor } = await inner.load(options);
      if (!executor) throw new Error('the federation gateway loaded without an executor');
      return { executor: createEnforcingExecutor(executor, deps) };
    },
    stop: () => inner.stop(),
  };
}
