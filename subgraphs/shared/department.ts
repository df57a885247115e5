/** What a department contributes to the platform: its schema, its backend, its loaders and resolvers. */
import type { IResolvers } from 'mercurius';
import type { DepartmentCode } from '../../platform/departments.ts';
import type { GatewayCall } from './verify-gateway-call.ts';

/**
 * Resolver cache policy per `Type.field`: ttl in seconds (taken from the resource's update cycle)
 * and the references an answer depends on (e.g. `resident:<citizenId>`), so a change invalidates it.
 */
export type CachePolicy = Record<
  string,
  Record<string, { ttl: number; references?: (request: { arg: Record<string, unknown> }, key: string, result: unknown) => string[] | undefined }>
>;

export interface DepartmentDefinition<Backend, Loaders> {
  name: DepartmentCode;
  /** The department's own type definitions (`schema.graphql` beside it). */
  typeDefs: string;
  /**
   * What its resolvers read from, made once per server: a department's record store, or for the
   * info-center the governance services (store of record, catalog, clock).
   */
  createBackend(): Backend;
  /** Per-request DataLoaders over the backend; never shared between requests. */
  createLoaders(backend: Backend): Loaders;
  resolvers: IResolvers;
  cachePolicy: CachePolicy;
  /**
   * The day each of its resources is as of (周政发〔2018〕6号 art. 14), answered on `GET /healthz` and
   * read by the platform against the declared update cycle. Absent: the platform knows no freshness.
   */
  freshness?(backend: Backend, now: Date): ResourceDataAsOf[];
  /** Calls `onChange` with cache references whenever the provider's data changes. */
  watchChanges?(backend: Backend, onChange: (references: string[]) => void): void;
}

/** One resource's data-as-of date (YYYY-MM-DD, China date). */
export interface ResourceDataAsOf {
  resource: string;
  dataAsOf: string;
}

/** The context every department resolver receives. */
export interface DepartmentContext<Backend, Loaders> {
  backend: Backend;
  loaders: Loaders;
  /** Who the gateway says is asking (verified signature); always set for /graphql requests. */
  call: GatewayCall;
}
