/** The data source for one subgraph: Apollo's own, signing each call at its sanctioned hook. */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { countCall } from './count-served.ts';
import type { GatewayContext } from './gateway-context.ts';
import type { SignSubgraphCall } from './sign-subgraph-call.ts';

export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly #subgraph: string;
  readonly #sign: SignSubgraphCall;

  constructor(options: { name: string; url: string; sign: SignSubgraphCall }) {
    // Node's own fetch (undici): pooled keep-alive connections, several times faster per call than
    // the make-fetch-happen default.
    super({ url: options.url, fetcher: fetch as unknown as Fetcher });
    this.#subgraph = options.name;
    this.#sign = options.sign;
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const context = 'context' in options ? options.context : undefined;
    // Every call runs for an authenticated consumer; a call without one is a fault, never signed.
    if (!context?.consumer) throw new Error(`refusing to sign a call to ${this.#subgraph} without an authenticated consumer`);
    const identity = { app: context.consumer.app, dept: context.consumer.dept, roles: context.consumer.roles, purpose: context.use.purpose };
    options.request.http?.headers.set('authorization', `Bearer ${await this.#sign(this.#subgraph, identity)}`);
  }

  /** Counts what the provider answered, for the operation's audit record (see count-served.ts). */
  override didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]): GatewayGraphQLResponse {
    countCall(context.served, this.#subgraph, response.data);
    return response;
  }

  /** A call that failed is still a call made; it returned nothing. */
  override didEncounterError(error: Error, fetchRequest: Parameters<RemoteGraphQLDataSource['didEncounterError']>[1], fetchResponse?: FetcherResponse, context?: GatewayContext): void {
    countCall(context?.served, this.#subgraph, undefined);
    super.didEncounterError(error, fetchRequest, fetchResponse, context);
  }
}
