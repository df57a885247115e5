/**
 * Department resolvers typed with their own context. Mercurius types every resolver's context as
 * `MercuriusContext`, which knows nothing of the store and loaders `createSubgraphServer` adds, so
 * the one cast from the department's context to Mercurius' lives here instead of in every resolver.
 */
import type { IResolvers } from 'mercurius';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- sources differ per type; mercurius' own default is any
export function defineResolvers<Context>(resolvers: IResolvers<any, Context>): IResolvers {
  return resolvers as unknown as IResolvers;
}
