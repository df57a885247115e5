/**
 * `npm run subgraphs`: the six department subgraphs on their ports (4101…), accepting calls signed
 * with the gateway key whose public half is `GATEWAY_PUBLIC_KEY_PATH` (default: the demo key).
 */
import { readGatewayConfig } from '../gateway/config.ts';
import { ensureDemoKeyPair, loadPublicKey } from '../gateway/keys.ts';
import { createSubgraphServer } from '../subgraphs/shared/create-subgraph-server.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';

const config = readGatewayConfig();
const publicKeyPath = process.env['GATEWAY_PUBLIC_KEY_PATH'];
const gatewayPublicKey = publicKeyPath ? await loadPublicKey(publicKeyPath) : (await ensureDemoKeyPair(config.dataDir, 'gateway-signing')).publicKey;
const apps = await Promise.all(
  SUBGRAPHS.map(async (subgraph) => {
    const app = await createSubgraphServer(subgraph.definition, { gatewayPublicKey, logLevel: config.logLevel });
    await app.listen({ host: config.host, port: subgraph.defaultPort });
    return app;
  }),
);
const stop = async () => {
  await Promise.all(apps.map((app) => app.close()));
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
