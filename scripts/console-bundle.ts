/**
 * The web console's bundle (`console/dist`, not committed): built with Vite when it is missing or
 * older than any of its sources (`console/`, what it imports from `policies/` and `platform/`, the lockfile), so a
 * fresh clone serves it after `npm install && npm start` alone. The tests build it the same way
 * (tests/support/console-global-setup.ts), once per run.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const CONSOLE_SOURCE_DIR = join(root, 'console');
export const CONSOLE_BUNDLE_DIR = join(CONSOLE_SOURCE_DIR, 'dist');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path)
    .filter((name) => name !== 'dist' && name !== 'node_modules')
    .reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}

/** True when the bundle is missing or a source changed after it was built. */
function consoleBundleStale(): boolean {
  const index = join(CONSOLE_BUNDLE_DIR, 'index.html');
  if (!existsSync(index)) return true;
  // The console also bundles what it imports from policies/ (working days) and platform/ (the error registry, departments).
  const sources = [CONSOLE_SOURCE_DIR, join(root, 'policies'), join(root, 'platform'), join(root, 'package-lock.json')];
  return Math.max(...sources.filter((path) => existsSync(path)).map(newestChange)) > statSync(index).mtimeMs;
}

/** Builds the bundle (Vite, production mode); the output goes to `console/dist`. */
export async function buildConsole(): Promise<void> {
  const { build } = await import('vite');
  // Vite and its React plugin choose the JSX runtime by NODE_ENV, which the tests set to `test`: the
  // development runtime against React's production build fails in the browser. Built as production, always.
  const environment = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ configFile: join(CONSOLE_SOURCE_DIR, 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    if (environment === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = environment;
  }
}

/** Builds the bundle when it is stale; true when it built. */
export async function ensureConsoleBuilt(): Promise<boolean> {
  if (!consoleBundleStale()) return false;
  await buildConsole();
  return true;
}
