/**
 * The baseline: the same supergraph behind a plain @apollo/gateway and @apollo/server, same HTTP edge
 * (Fastify + executeHTTPGraphQLRequest), no authentication, no purpose, no enforcement. Subgraphs
 * still require the gateway's signature, so each data source signs its calls as ours does.
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Fetcher } from '@apollo/utils.fetcher';
import Fastify, { type FastifyInstance } from 'fastify';
import type { SignSubgraphCall } from '../gateway/sign/sign-subgraph-call.ts';

/** `fetcher`: the data sources' HTTP client; default Apollo's own (make-fetch-happen). */
export async function createPlainGateway(supergraphSdl: string, sign: SignSubgraphCall, fetcher?: Fetcher): Promise<FastifyInstance> {
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const source = new RemoteGraphQLDataSource({ url: url!, ...(fetcher ? { fetcher } : {}) });
      // The same renewing signer as ours, over the body as sent: tokens live 60 s, reused for identical calls for 30 s.
      const send = source.fetcher;
      source.fetcher = async (target, init = {}) => {
        const token = await sign(name, { app: 'bench', dept: 'civil-affairs', roles: ['consumer'], purpose: 'ADMINISTRATIVE_BASIS' }, String(init.body ?? ''));
        return send(target, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
      };
      return source;
    },
  });
  const apollo = new ApolloServer({ gateway, plugins: [ApolloServerPluginLandingPageDisabled()] });
  await apollo.start();
  const app = Fastify({ logger: false });
  app.post('/graphql', async (request, reply) => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: '', body: request.body },
      context: async () => ({}),
    });
    for (const [name, value] of response.headers) reply.header(name, value);
    reply.code(response.status ?? 200);
    return reply.send(response.body.kind === 'complete' ? response.body.string : '');
  });
  app.addHook('onClose', async () => apollo.stop());
  return app;
}
