/**
 * The data source for one subgraph: Apollo's own, signing each call over the body it sends. Apollo
 * serialises the request after `willSendRequest`, so the signature is made in the fetcher, over the
 * very string that goes on the wire; the consumer reaches the fetcher through `process`, the entry
 * point of Apollo's data-source interface.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { countCall } from '../audit/count-served.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { sharedPooledFetcher } from './pooled-fetcher.ts';
import type { CallIdentity, SignSubgraphCall } from './sign-subgraph-call.ts';

export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly #subgraph: string;
  readonly #sign: SignSubgraphCall;
  readonly #send: Fetcher;
  readonly #caller = new AsyncLocalStorage<CallIdentity>();

  /** `send`: the HTTP client; default the process-wide pooled client (pooled-fetcher.ts). */
  constructor(options: { name: string; url: string; sign: SignSubgraphCall; send?: Fetcher }) {
    super({ url: options.url });
    this.#subgraph = options.name;
    this.#sign = options.sign;
    this.#send = options.send ?? sharedPooledFetcher().fetch;
    this.fetcher = (url, init) => this.#signedFetch(url, init);
  }

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    const context = 'context' in options ? options.context : undefined;
    // Every call runs for an authenticated consumer; a call without one is a fault, never signed nor sent.
    if (!context?.consumer) return Promise.reject(new Error(`refusing to sign a call to ${this.#subgraph} without an authenticated consumer`));
    const identity = { app: context.consumer.app, dept: context.consumer.dept, roles: context.consumer.roles, purpose: context.use.purpose };
    return this.#caller.run(identity, () => super.process(options));
  }

  async #signedFetch(url: string, init: FetcherRequestInit = {}): ReturnType<Fetcher> {
    const identity = this.#caller.getStore();
    if (!identity || typeof init.body !== 'string') throw new Error(`refusing to send an unsigned call to ${this.#subgraph}`);
    const token = await this.#sign(this.#subgraph, identity, init.body);
    return this.#send(url, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
  }

  /** Counts what the provider answered, for the operation's audit record (see count-served.ts). */
  override didReceiveResponse({
    response,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]): GatewayGraphQLResponse {
    countCall(context.served, this.#subgraph, response.data);
    return response;
  }

  /** A call that failed is still a call made; it returned nothing. */
  override didEncounterError(
    error: Error,
    fetchRequest: Parameters<RemoteGraphQLDataSource['didEncounterError']>[1],
    fetchResponse?: FetcherResponse,
    context?: GatewayContext,
  ): void {
    countCall(context?.served, this.#subgraph, undefined);
    super.didEncounterError(error, fetchRequest, fetchResponse, context);
  }
}
