/**
 * Starts the department subgraphs and one gateway in this process: the demo (`npm start`), the
 * integration tests and the benchmark all run the platform this way. Port 0 picks free ports.
 */
import type { FastifyInstance } from 'fastify';
import type { GrantSource } from '../gateway/ability-source.ts';
import { createMemoryGrantSource } from '../gateway/ability-source.ts';
import { createGateway, type Gateway } from '../gateway/create-gateway.ts';
import { ensureDemoKeyPair, type KeyPair } from '../gateway/keys.ts';
import { SEED_GRANTS } from '../policies/seed-grants.ts';
import { composeSupergraph } from '../schema/compose-supergraph.ts';
import { createSubgraphServer, type SubgraphServerOptions } from '../subgraphs/shared/create-subgraph-server.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';

export const PLATFORM_DEPARTMENTS = [...SUBGRAPHS.map((subgraph) => subgraph.name), 'info-center'];

export interface PlatformOptions {
  dataDir: string;
  /** Gateway port; default 4000, 0 for any free port. */
  gatewayPort?: number;
  /** Use each subgraph's default port (4101…) when true; any free port otherwise. Default false. */
  defaultSubgraphPorts?: boolean;
  grants?: GrantSource;
  logLevel?: string;
  /** Observes every call a subgraph accepts from the gateway. */
  onSubgraphCall?: SubgraphServerOptions['onGatewayCall'];
}

export interface Platform {
  gateway: Gateway;
  gatewayUrl: string;
  subgraphs: ReadonlyArray<{ name: string; url: string; app: FastifyInstance }>;
  supergraphSdl: string;
  tokenIssuer: KeyPair;
  gatewaySigning: KeyPair;
  close(): Promise<void>;
}

export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const tokenIssuer = await ensureDemoKeyPair(options.dataDir, 'token-issuer');
  const gatewaySigning = await ensureDemoKeyPair(options.dataDir, 'gateway-signing');
  const subgraphs: Array<{ name: string; url: string; app: FastifyInstance }> = [];
  try {
    for (const subgraph of SUBGRAPHS) {
      const app = await createSubgraphServer(subgraph.definition, {
        gatewayPublicKey: gatewaySigning.publicKey,
        logLevel: options.logLevel ?? 'silent',
        ...(options.onSubgraphCall ? { onGatewayCall: options.onSubgraphCall } : {}),
      });
      await app.listen({ host: '127.0.0.1', port: options.defaultSubgraphPorts ? subgraph.defaultPort : 0 });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : subgraph.defaultPort;
      subgraphs.push({ name: subgraph.name, url: `http://127.0.0.1:${port}/graphql`, app });
    }
    const supergraphSdl = composeSupergraph(
      SUBGRAPHS.map((subgraph, index) => ({ name: subgraph.name, url: subgraphs[index]!.url, typeDefs: subgraph.definition.typeDefs })),
    );
    const gateway = await createGateway({
      supergraphSdl,
      departments: PLATFORM_DEPARTMENTS,
      tokenPublicKey: tokenIssuer.publicKey,
      gatewaySigningKey: gatewaySigning.privateKey,
      grants: options.grants ?? createMemoryGrantSource(SEED_GRANTS),
      logLevel: options.logLevel ?? 'silent',
    });
    const gatewayUrl = await gateway.app.listen({ host: '127.0.0.1', port: options.gatewayPort ?? 4000 });
    return {
      gateway,
      gatewayUrl: `${gatewayUrl}/graphql`,
      subgraphs,
      supergraphSdl,
      tokenIssuer,
      gatewaySigning,
      close: async () => {
        await gateway.close();
        await Promise.all(subgraphs.map((subgraph) => subgraph.app.close()));
      },
    };
  } catch (error) {
    await Promise.all(subgraphs.map((subgraph) => subgraph.app.close()));
    throw error;
  }
}
