/** One gateway process (`scripts/gateway.ts`) on free ports, for tests that run more than one instance; resolves with its URL once it is ready. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { freePort } from './free-port.ts';

const root = new URL('../..', import.meta.url).pathname;

export async function startGatewayProcess(dataDir: string, env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const [port, governancePort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ['scripts/gateway.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      DATA_DIR: dataDir,
      PORT: String(port),
      GOVERNANCE_PORT: String(governancePort),
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
  return { url, child };
}
