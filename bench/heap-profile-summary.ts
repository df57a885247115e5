/**
 * `node bench/heap-profile-summary.ts <file.heapprofile> [requests] [top]`: what a sampled heap profile
 * (written by `BENCH_HEAP_PROFILE`, see servers.ts) allocated, by function (self) and by package or
 * project folder (self, summed), in MiB and, given the number of requests served, in KiB per request.
 * Allocations in V8's built-ins (`Map`, `entries`, `next`, …) are counted to the nearest caller with a
 * script, so that they show where they are made.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

const [file, requestsArg, topArg] = process.argv.slice(2) as [string, string | undefined, string | undefined];
const requests = Number(requestsArg ?? NaN);
const top = Number(topArg ?? 25);
const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: ProfileNode };

const byFunction = new Map<string, number>();
const byPlace = new Map<string, number>();
let total = 0;
const placeOf = (url: string): string => {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const project = /\/(gateway|policies|platform|schema|subgraphs|bench|scripts)\/([^/]+)/.exec(url);
  if (project) return `${project[1]}/${project[2]}`;
  return url.startsWith('node:') ? url : url === '' ? '(V8 / native)' : url.replace(/.*\//, '');
};
const walk = (node: ProfileNode, caller?: ProfileNode['callFrame']) => {
  const frame = node.callFrame.url === '' && caller ? caller : node.callFrame;
  if (node.selfSize > 0) {
    const { functionName, url, lineNumber } = frame;
    const key = `${functionName || '(anonymous)'} ${placeOf(url)}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + node.selfSize);
    byPlace.set(placeOf(url), (byPlace.get(placeOf(url)) ?? 0) + node.selfSize);
    total += node.selfSize;
  }
  for (const child of node.children) walk(child, frame);
};
walk(head);

const row = (bytes: number) =>
  `${(bytes / 2 ** 20).toFixed(1).padStart(9)} MiB${Number.isFinite(requests) ? `${(bytes / 1024 / requests).toFixed(2).padStart(9)} KiB/req` : ''}`;
console.log(`${file}: ${row(total)} allocated in all`);
for (const [title, map] of [
  ['by place', byPlace],
  ['by function', byFunction],
] as const) {
  console.log(`\n${title}:`);
  for (const [key, bytes] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${row(bytes)}  ${key}`);
}
