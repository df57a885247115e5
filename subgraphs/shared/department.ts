/** What a department contributes to the platform: its schema, its store, its loaders and resolvers. */
import type { IResolvers } from 'mercurius';
import type { GatewayCall } from './verify-gateway-call.ts';

/** Department codes of the district (DESIGN.md). */
export type DepartmentCode =
  | 'public-security'
  | 'market-regulation'
  | 'human-resources'
  | 'approval'
  | 'natural-resources'
  | 'civil-affairs'
  /** The platform operator's own subgraph: governance (catalog, access requests, grants, disputes). */
  | 'info-center';

/**
 * Resolver cache policy per `Type.field`: ttl in seconds (taken from the resource's update cycle)
 * and the references an answer depends on (e.g. `resident:<citizenId>`), so a change invalidates it.
 */
export type CachePolicy = Record<string, Record<string, { ttl: number; references?: (request: { arg: Record<string, unknown> }, key: string, result: unknown) => string[] | undefined }>>;

export interface DepartmentDefinition<Store, Loaders> {
  name: DepartmentCode;
  /** The department's own type definitions (`schema.graphql` beside it). */
  typeDefs: string;
  createStore(): Store;
  /** Per-request DataLoaders over the store; never shared between requests. */
  createLoaders(store: Store): Loaders;
  resolvers: IResolvers;
  cachePolicy: CachePolicy;
  /** Calls `onChange` with cache references whenever the provider's data changes. */
  watchChanges?(store: Store, onChange: (references: string[]) => void): void;
}

/** The context every department resolver receives. */
export interface DepartmentContext<Store, Loaders> {
  store: Store;
  loaders: Loaders;
  /** Who the gateway says is asking (verified signature); always set for /graphql requests. */
  call: GatewayCall;
}
