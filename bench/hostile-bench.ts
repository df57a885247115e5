/**
 * `npm run bench:hostile`: starts the platform in a child process and sends every hostile case
 * (bench/hostile-cases.ts) again and again, printing how long each refusal takes (median, p90, max)
 * and checking it carries its code. Then sends each case four at a time, repeatedly, while probing
 * `/healthz` every few milliseconds, and prints the worst `/healthz` delay over its idle median.
 * Targets: a refusal's median under 10 ms, no `/healthz` delayed by more than 50 ms. Exits non-zero
 * when a target is missed or a case is not refused with its code. `HOSTILE_REPEAT` (default 20) and
 * `HOSTILE_CONCURRENCY` (default 4) tune it.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { HOSTILE_CASES, type HostileCase } from './hostile-cases.ts';

const REPEAT = Number(process.env['HOSTILE_REPEAT'] ?? 20);
const CONCURRENCY = Number(process.env['HOSTILE_CONCURRENCY'] ?? 4);
const REFUSAL_TARGET_MS = 10;
const HEALTH_DELAY_TARGET_MS = 50;

const child = spawn(process.execPath, [new URL('./hostile-platform.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
const { url, token } = JSON.parse(await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve))) as {
  url: string;
  token: string;
};
const healthUrl = url.replace(/\/graphql$/, '/healthz');

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

async function send(hostile: HostileCase, payload: string): Promise<{ ms: number; codes: string[]; status: number }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  if (!hostile.noPurpose) headers['x-share-purpose'] = 'WORK_REFERENCE';
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body: payload });
  const text = await response.text();
  const ms = performance.now() - started;
  const parsed = JSON.parse(text) as unknown;
  const bodies = (Array.isArray(parsed) ? parsed : [parsed]) as Array<{ errors?: Array<{ extensions?: { code?: string } }> }>;
  return { ms, status: response.status, codes: bodies.flatMap((body) => (body.errors ?? []).map((error) => String(error.extensions?.code))) };
}

async function healthLatency(): Promise<number> {
  const started = performance.now();
  await (await fetch(healthUrl)).text();
  return performance.now() - started;
}

// Probes /healthz every 5 ms between 'start' and 'stop' and answers the latencies; warm before 'ready'.
const PROBER = `
const { parentPort, workerData } = require('node:worker_threads');
const probe = async () => { const started = performance.now(); await (await fetch(workerData)).text(); return performance.now() - started; };
let window;
parentPort.on('message', async (command) => {
  if (command === 'start') {
    window = { running: true, probes: [] };
    const current = window;
    while (current.running) {
      current.probes.push(await probe());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    parentPort.postMessage(current.probes);
  } else window.running = false;
});
(async () => { for (let i = 0; i < 20; i++) await probe(); parentPort.postMessage('ready'); })();
`;
const prober = new Worker(PROBER, { eval: true, workerData: healthUrl });
await new Promise((resolve) => prober.once('message', resolve));
/** Worst /healthz latency while `work` runs. */
async function worstHealthDuring(work: () => Promise<unknown>): Promise<number> {
  prober.postMessage('start');
  await work();
  prober.postMessage('stop');
  const probes = await new Promise<number[]>((resolve) => prober.once('message', resolve));
  return Math.max(...probes);
}

let missed = 0;
const idle: number[] = [];
for (let i = 0; i < 50; i++) idle.push(await healthLatency());
const idleMedian = percentile(idle, 0.5);
process.stdout.write(`/healthz idle: median ${idleMedian.toFixed(2)} ms\n\n`);
process.stdout.write(
  `${'case'.padEnd(44)} ${'code'.padEnd(22)} ${'median'.padStart(8)} ${'p90'.padStart(8)} ${'max'.padStart(8)} ${'healthz+'.padStart(9)} ${'control+'.padStart(9)}\n`,
);

for (const hostile of HOSTILE_CASES) {
  const payload = JSON.stringify(hostile.body);
  await send(hostile, payload); // warm-up: connection, caches of the gateway's own
  const timings: number[] = [];
  let wrong = '';
  for (let i = 0; i < REPEAT; i++) {
    const { ms, codes, status } = await send(hostile, payload);
    timings.push(ms);
    if (status >= 500 || codes.length === 0 || !codes.every((code) => code === hostile.code)) wrong = `got HTTP ${status} ${codes.join(',') || 'no error'}`;
  }
  // Concurrent: CONCURRENCY copies at a time while /healthz is probed every 5 ms from a worker thread
  // (its own event loop, so sending large bodies from this one does not delay the probes). A control
  // window of the same length without traffic shows what the machine itself adds.
  const flood = async () => {
    for (let round = 0; round < Math.max(1, REPEAT / CONCURRENCY); round++)
      await Promise.all(Array.from({ length: CONCURRENCY }, () => send(hostile, payload)));
  };
  const floodStarted = performance.now();
  const worstUnderAttack = await worstHealthDuring(flood);
  const floodMs = performance.now() - floodStarted;
  const worstControl = await worstHealthDuring(() => new Promise((resolve) => setTimeout(resolve, floodMs)));
  const median = percentile(timings, 0.5);
  const healthDelay = Math.max(0, worstUnderAttack - idleMedian);
  const verdicts = [median > REFUSAL_TARGET_MS ? 'SLOW' : '', healthDelay > HEALTH_DELAY_TARGET_MS ? 'STALLS /healthz' : '', wrong].filter(Boolean);
  if (verdicts.length) missed++;
  process.stdout.write(
    `${hostile.name.padEnd(44)} ${hostile.code.padEnd(22)} ${median.toFixed(2).padStart(8)} ${percentile(timings, 0.9).toFixed(2).padStart(8)} ${Math.max(
      ...timings,
    )
      .toFixed(2)
      .padStart(8)} ${healthDelay.toFixed(1).padStart(9)} ${Math.max(0, worstControl - idleMedian)
      .toFixed(1)
      .padStart(9)}  ${verdicts.join('; ') || 'ok'}\n`,
  );
}

process.stdout.write(
  `\nTargets: refusal median < ${REFUSAL_TARGET_MS} ms (client round trip on loopback), /healthz delayed < ${HEALTH_DELAY_TARGET_MS} ms over its idle median while ${CONCURRENCY} copies are in flight (control+: the same window without traffic, the machine's own noise).\n`,
);
process.stdout.write(missed ? `${missed} case(s) missed a target.\n` : 'Every case met its targets.\n');
await prober.terminate();
child.kill('SIGTERM');
process.exitCode = missed ? 1 : 0;
