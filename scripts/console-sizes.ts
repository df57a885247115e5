/**
 * `npm run console:sizes`: the built console's files with raw and gzipped sizes, and the initial
 * JavaScript (what index.html loads before anything on demand), checked against its 400 KB budget.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONSOLE_BUNDLE_DIR } from './console-bundle.ts';

const INITIAL_JS_BUDGET_BYTES = 400 * 1024;

export interface ConsoleSizes {
  files: Array<{ name: string; bytes: number; gzip: number; initial: boolean }>;
  initialGzip: number;
}

function measureConsole(dir = CONSOLE_BUNDLE_DIR): ConsoleSizes {
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  const initialNames = new Set([...index.matchAll(/(?:src|href)="\/console\/assets\/([^"]+\.js)"/g)].map((match) => match[1]!));
  const files = readdirSync(join(dir, 'assets')).map((name) => {
    const body = readFileSync(join(dir, 'assets', name));
    return { name, bytes: body.length, gzip: gzipSync(body).length, initial: initialNames.has(name) };
  });
  return { files, initialGzip: files.filter((file) => file.initial).reduce((sum, file) => sum + file.gzip, 0) };
}

export function printConsoleSizes(): boolean {
  const sizes = measureConsole();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  for (const file of [...sizes.files].sort((a, b) => b.gzip - a.gzip)) {
    process.stdout.write(`${file.initial ? '*' : ' '} ${file.name.padEnd(44)} ${kb(file.bytes).padStart(10)} ${kb(file.gzip).padStart(10)} gzip\n`);
  }
  const within = sizes.initialGzip <= INITIAL_JS_BUDGET_BYTES;
  process.stdout.write(`Initial JavaScript (*): ${kb(sizes.initialGzip)} gzipped, budget ${kb(INITIAL_JS_BUDGET_BYTES)}: ${within ? 'within' : 'OVER'}\n`);
  return within;
}

if (import.meta.main) process.exitCode = printConsoleSizes() ? 0 : 1;
