/** The data source for one subgraph: Apollo's own, signing each call at its sanctioned hook. */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
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
    if (context?.served) {
      const representations = options.request.variables?.['representations'];
      const served = (context.served[this.#subgraph] ??= { calls: 0, entities: 0 });
      served.calls += 1;
      served.entities += Array.isArray(representations) ? representations.length : 1;
    }
    options.request.http?.headers.set('authorization', `Bearer ${await this.#sign(this.#subgraph, identity)}`);
  }
}
