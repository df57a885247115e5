/** One gateway process (`scripts/gateway.ts`) on free ports, for tests that run more than one instance; resolves with its URL once it is ready. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { FastifyInstance } from 'fastify';
import { ensureDemoKeyPair, type KeyPair } from '../../platform/keys.ts';
import { createSubgraphServer } from '../../subgraphs/shared/create-subgraph-server.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import { freePort } from './free-port.ts';

const root = new URL('../..', import.meta.url).pathname;

export async function startGatewayProcess(dataDir: string, env: Record<string, string>): Promise<{ url: string; metricsUrl: string; child: ChildProcess }> {
  const [port, governancePort, metricsPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(process.execPath, ['scripts/gateway.ts'], {
    cwd: root,
    env: {
      ...process.env,
      // Tests stop their gateways at once; the drain's grace is tested where it matters (drain.test.ts).
      DRAIN_GRACE_MS: '0',
      ...env,
      DATA_DIR: dataDir,
      PORT: String(port),
      GOVERNANCE_PORT: String(governancePort),
      METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'info',
      AUDIT_CHAIN: `scale-${port}`,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.includes('"gateway ready"')) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
  });
  return { url, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`, child };
}

export interface GatewayPair {
  gateways: Array<{ url: string; child: ChildProcess }>;
  /** The demo token issuer both gateways trust. */
  issuer: KeyPair;
  /** Stops both gateways (waiting for them to exit) and the subgraphs. */
  stop(): Promise<void>;
}

/** The six demo subgraphs in this process and two gateway processes in front of them, on one store and one Redis. */
export async function startGatewayPair(options: { databaseUrl: string; redisUrl: string; env?: Record<string, string> }): Promise<GatewayPair> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhoucun-pair-'));
  const issuer = await ensureDemoKeyPair(dataDir, 'token-issuer');
  const signing = await ensureDemoKeyPair(dataDir, 'gateway-signing');
  const subgraphs: FastifyInstance[] = [];
  const gateways: Array<{ url: string; child: ChildProcess }> = [];
  const stop = async () => {
    for (const { child } of gateways) child.kill('SIGTERM');
    await Promise.all(gateways.map(({ child }) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))));
    await Promise.all(subgraphs.map((app) => app.close()));
  };
  try {
    const urls: string[] = [];
    for (const subgraph of SUBGRAPHS) {
      const app = await createSubgraphServer(subgraph.definition, { gatewayKeys: signing.publicKey, redisUrl: 'redis://127.0.0.1:6379' });
      urls.push(`${subgraph.name}=${await app.listen({ host: '127.0.0.1', port: 0 })}/graphql`);
      subgraphs.push(app);
    }
    const env = {
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      REDIS_PREFIX: `zhoucun-test-${randomBytes(4).toString('hex')}:`,
      SUBGRAPH_URLS: urls.join(','),
      ...options.env,
    };
    gateways.push(await startGatewayProcess(dataDir, env));
    gateways.push(await startGatewayProcess(dataDir, env));
    return { gateways, issuer, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
