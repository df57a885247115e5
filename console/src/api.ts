/**
 * The console's GraphQL client: the public `/graphql` endpoint of the same gateway, with the signed-in
 * token; governance needs no purpose, data queries declare one (X-Share-Purpose, X-Share-Matter).
 */
import { GraphQLClient } from 'graphql-request';
import type { TypedDocumentString } from './gql/graphql.ts';
import { ApiError, loadSession } from './session.ts';

export interface GraphQLAnswer<T> {
  data: T | null | undefined;
  errors: Array<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }>;
}

export interface DeclaredUse {
  purpose?: string | undefined;
  matter?: string | undefined;
}

function client(use: DeclaredUse = {}): GraphQLClient {
  const session = loadSession();
  const headers: Record<string, string> = {};
  // A demo token goes as a header; the OpenID Connect session is a same-site cookie the browser sends itself.
  if (session?.token) headers['authorization'] = `Bearer ${session.token}`;
  if (use.purpose) headers['x-share-purpose'] = use.purpose;
  if (use.matter) headers['x-share-matter'] = encodeURIComponent(use.matter);
  return new GraphQLClient(`${location.origin}/graphql`, { headers, errorPolicy: 'all' });
}

/** Runs an operation and returns data and errors as they came (partial answers included). */
export async function runGraphQL<T>(query: string, variables: Record<string, unknown> = {}, use?: DeclaredUse): Promise<GraphQLAnswer<T>> {
  try {
    const answer = await client(use).rawRequest<T>(query, variables);
    return { data: answer.data, errors: (answer.errors ?? []) as GraphQLAnswer<T>['errors'] };
  } catch (error) {
    const response = (error as { response?: { errors?: GraphQLAnswer<T>['errors']; data?: T } }).response;
    if (response?.errors) return { data: response.data, errors: response.errors };
    throw new ApiError('NETWORK', (error as Error).message);
  }
}

/**
 * Runs a governance operation, typed by its generated document (console/src/gql, `npm run
 * console:codegen`); the first error is thrown as an ApiError with its code.
 */
export async function gql<Result, Variables>(document: TypedDocumentString<Result, Variables>, variables?: Variables): Promise<Result> {
  const answer = await runGraphQL<Result>(document.toString(), (variables ?? {}) as Record<string, unknown>);
  const first = answer.errors[0];
  if (first) throw new ApiError(String(first.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR'), first.message);
  return answer.data as Result;
}
