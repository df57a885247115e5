/**
 * `npm run gateway`: one gateway instance with the info-center's governance subgraph beside it,
 * configured by the environment (gateway/config.ts), in front of department subgraphs that run
 * elsewhere (`npm run subgraphs`, containers, other hosts).
 */
import { tracing } from './start-tracing.ts';
import { auditAnchorDir, auditQuarantinePath, auditSpoolPath, readGatewayConfig } from '../gateway/config.ts';
import { checkpointLogPath } from '../gateway/audit/checkpoint-anchors.ts';
import { ensureSubjectHmac, loadSubjectHmac } from '../platform/subject-key.ts';
import { DEPARTMENT_CODES } from '../platform/departments.ts';
import { seedStore } from '../subgraphs/info-center/seed.ts';
import { demoKeyPath, ensureDemoKeyPair, loadKeyPair, loadPublicKey } from '../platform/keys.ts';
import { watchSigningKey } from '../platform/key-set.ts';
import { launchGateway } from './launch-gateway.ts';
import { launchSettings, stopOnSignal } from './process-lifetime.ts';
import { CONSOLE_BUNDLE_DIR } from './console-bundle.ts';
import { issueToken } from './issue-token.ts';
import { defaultPgliteDir, openStore } from '../platform/store/database.ts';
import { migrateToLatest } from '../platform/store/migrate.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';

try {
  const config = readGatewayConfig();
  // Without a configured issuer the gateway runs on the demo issuer key, and only then offers the console's demo sign-in.
  const demoIssuer = config.tokenPublicKeyPath ? undefined : await ensureDemoKeyPair(config.dataDir, 'token-issuer');
  const tokenPublicKey = demoIssuer ? demoIssuer.publicKey : await loadPublicKey(config.tokenPublicKeyPath!);
  const gatewaySigning = config.gatewaySigningKeyPath
    ? await loadKeyPair(config.gatewaySigningKeyPath)
    : await ensureDemoKeyPair(config.dataDir, 'gateway-signing');
  // Checkpoints are signed with their own key, read again when `npm run keys:rotate` replaces it.
  const auditSigningKeyPath = config.auditSigningKeyPath ?? demoKeyPath(config.dataDir, 'audit-signing', 'private');
  if (!config.auditSigningKeyPath) await ensureDemoKeyPair(config.dataDir, 'audit-signing');
  const auditSigningKey = watchSigningKey(auditSigningKeyPath);
  await auditSigningKey(); // an unreadable key stops the start
  const store = await openStore({ databaseUrl: config.databaseUrl, pgliteDir: defaultPgliteDir(config.dataDir) });
  await migrateToLatest(store.db);
  await seedStore(store.db);
  const running = await launchGateway({
    store,
    departmentSubgraphs: SUBGRAPHS.map((s) => ({
      name: s.name,
      typeDefs: s.definition.typeDefs,
      url: config.subgraphUrls[s.name] ?? `http://127.0.0.1:${s.defaultPort}/graphql`,
    })),
    supergraphPath: config.supergraphPath,
    departments: DEPARTMENT_CODES,
    tokenPublicKey,
    tokenMaxLifetimeSeconds: config.tokenMaxLifetimeSeconds,
    gatewaySigning,
    host: config.host,
    port: config.port,
    infoCenterPort: config.governancePort,
    logLevel: config.logLevel,
    undeclaredFields: config.undeclaredFields,
    audit: {
      chain: config.auditChain,
      spoolPath: auditSpoolPath(config.dataDir, config.auditChain),
      quarantinePath: auditQuarantinePath(config.dataDir, config.auditChain),
      checkpointLogPath: checkpointLogPath(auditAnchorDir(config.dataDir), config.auditChain),
      signingKey: auditSigningKey,
      subjectHmac: config.subjectHmacKeyPath ? loadSubjectHmac(config.subjectHmacKeyPath) : ensureSubjectHmac(config.dataDir),
    },
    ...launchSettings(config),
    console: {
      bundleDir: CONSOLE_BUNDLE_DIR,
      demoSignIn: demoIssuer && ((request) => issueToken(demoIssuer.privateKey, { ...request, expiresIn: '8h' })),
      oidc: config.oidc,
    },
  });
  running.gateway.app.log.info({ url: running.url, store: store.kind, redis: config.redisUrl ? 'shared' : 'in memory' }, 'gateway ready');
  // SIGTERM: readiness off, a grace for the load balancers, then in-flight requests finish, the audit is flushed, exit 0.
  stopOnSignal(
    async () => {
      await running.close();
      await store.close();
      await tracing?.shutdown();
    },
    { begin: () => running.gateway.drain(), graceMs: config.drainGraceMs, timeoutMs: config.drainTimeoutMs },
  );
} catch (error) {
  process.stderr.write(`The gateway did not start: ${(error as Error).message}\n`);
  process.exit(1);
}
