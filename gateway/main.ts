/**
 * `npm run gateway`: one gateway instance, configured by the environment (gateway/config.ts),
 * in front of subgraphs that run elsewhere (`npm run subgraphs`, containers, other hosts).
 */
import { createMemoryGrantSource } from './ability-source.ts';
import { readGatewayConfig } from './config.ts';
import { createGateway, readSupergraphFile } from './create-gateway.ts';
import { ensureDemoKeyPair, loadKeyPair, loadPublicKey } from './keys.ts';
import { SEED_GRANTS } from '../policies/seed-grants.ts';
import { composeSupergraph } from '../schema/compose-supergraph.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { PLATFORM_DEPARTMENTS } from '../scripts/start-platform.ts';

try {
  const config = readGatewayConfig();
  const tokenPublicKey = config.tokenPublicKeyPath
    ? await loadPublicKey(config.tokenPublicKeyPath)
    : (await ensureDemoKeyPair(config.dataDir, 'token-issuer')).publicKey;
  const signing = config.gatewaySigningKeyPath
    ? await loadKeyPair(config.gatewaySigningKeyPath)
    : await ensureDemoKeyPair(config.dataDir, 'gateway-signing');
  const supergraphSdl = config.supergraphPath
    ? readSupergraphFile(config.supergraphPath)
    : composeSupergraph(
        SUBGRAPHS.map((s) => ({ name: s.name, typeDefs: s.definition.typeDefs, url: config.subgraphUrls[s.name] ?? `http://127.0.0.1:${s.defaultPort}/graphql` })),
      );
  const gateway = await createGateway({
    supergraphSdl,
    departments: PLATFORM_DEPARTMENTS,
    tokenPublicKey,
    gatewaySigningKey: signing.privateKey,
    grants: createMemoryGrantSource(SEED_GRANTS),
    undeclaredFields: config.undeclaredFields,
    logLevel: config.logLevel,
  });
  await gateway.app.listen({ host: config.host, port: config.port });
  const stop = async () => {
    await gateway.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`The gateway did not start: ${(error as Error).message}\n`);
  process.exit(1);
}
