/**
 * `npm run bench`: the same nested multi-subgraph queries through plain @apollo/gateway and through
 * ours, side by side in one run; the subgraphs in one child process and every contender in a child
 * process of its own (servers.ts), so that each one's resident memory is its own; load from this
 * one (autocannon). Contenders take turns round by round so that drift of the machine hits all
 * alike; each figure is the median of the rounds. Baselines: @apollo/gateway as shipped (its
 * make-fetch-happen client), given Node's fetch, and given our pooled client (the same HTTP client
 * as ours: isolates the cost of enforcement). `BENCH_CONTENDERS` (comma-separated roles) and
 * `BENCH_SCENARIOS` (comma-separated names) narrow a run. `BENCH_RATE` (requests/s over all connections)
 * drives every contender at the same rate instead of as fast as it answers: resident memory at equal load
 * (a slower contender allocates less per second only because it serves less). `BENCH_HEAP_PROFILE=<dir>`
 * writes each contender's sampled allocations there (servers.ts); the requests each served are printed
 * at the end, to divide by. Ours starts with the Node flags it ships with (`GATEWAY_NODE_FLAGS`: a heap sized
 * for its container), plain @apollo/gateway as shipped with none. `BENCH_NODE_FLAGS` (space-separated, e.g.
 * `--max-old-space-size=512`) starts every contender, plain and ours alike, with those V8/Node flags as well
 * (after ours' own, so they win).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { GATEWAY_NODE_FLAGS } from '../gateway/config.ts';
import { ensureDemoKeyPair } from '../platform/keys.ts';
import { issueToken } from '../scripts/issue-token.ts';
import { DEMO, district } from '../subgraphs/shared/district.ts';

const DURATION_SECONDS = Number(process.env['BENCH_DURATION'] ?? 5);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 32);
const RATE = process.env['BENCH_RATE'] ? Number(process.env['BENCH_RATE']) : undefined;
const NODE_FLAGS = (process.env['BENCH_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);

const HUNDRED_RESIDENTS = JSON.stringify(
  district()
    .residents.slice(0, 100)
    .map((r) => r.citizenId),
);
const ALL_SCENARIOS: Record<string, { query: string; denied: number }> = {
  'all fields granted': {
    denied: 0,
    query: `query Bench { enterprise(creditCode: "${DEMO.enterprise}") { name status establishedOn
    legalRepresentative { name gender birthDate householdSubdistrict maritalStatus legalRepresentativeOf { name } }
    licences { certificateNo title issuedOn } } resident(citizenId: "${DEMO.resident}") { name monthlyPension } }`,
  },
  'five denied fields': {
    denied: 5,
    query: `query BenchDenied { enterprise(creditCode: "${DEMO.enterprise}") { name status administrativePenalties { decisionNo }
    legalRepresentative { name criminalRecord householdAddress maritalStatus realEstate { certificateNo } } licences { certificateNo } }
    resident(citizenId: "${DEMO.resident}") { name monthlyPension pensionStatus } }`,
  },
  // Ten items asked for that the grants do not open: nine withheld, and the household address of 王淑芬 read, as
  // civil-affairs holds an open 低保 case for her (its ADMINISTRATIVE_BASIS grant is scoped to such residents).
  'ten denied fields': {
    denied: 9,
    query: `query BenchTenDenied { enterprise(creditCode: "${DEMO.enterprise}") { name insuredEmployees administrativePenalties { decisionNo }
    legalRepresentative { name criminalRecord householdAddress pensionStatus socialInsurance { __typename } monthlyPension
    certificates { certificateNo } realEstate { certificateNo mortgaged } } } resident(citizenId: "${DEMO.resident}") { name criminalRecord householdAddress } }`,
  },
  '100 entities per subgraph call': {
    denied: 0,
    query: `query BenchHundred { residents(citizenIds: ${HUNDRED_RESIDENTS}) { name gender birthDate monthlyPension maritalStatus legalRepresentativeOf { name } } }`,
  },
};
const SCENARIOS = Object.entries(ALL_SCENARIOS).filter(([name]) => !process.env['BENCH_SCENARIOS'] || process.env['BENCH_SCENARIOS'].split(',').includes(name));

const ALL_CONTENDERS = [
  ['plain', 'plain @apollo/gateway'],
  ['plain-fetch', 'plain + Node fetch'],
  ['plain-pool', 'plain + pooled client'],
  ['ours-fetch', 'ours, Node fetch, no dedup'],
  ['ours-no-dedup', 'ours, no dedup'],
  ['ours-audit-off', 'ours, audit off'],
  ['ours', 'ours (enforcing)'],
] as const;
const CONTENDERS = ALL_CONTENDERS.filter(([role]) => !process.env['BENCH_CONTENDERS'] || process.env['BENCH_CONTENDERS'].split(',').includes(role));

interface Measured {
  requests: number;
  p50: number;
  p99: number;
  errors: number;
}

const HEADERS = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-share-purpose': 'ADMINISTRATIVE_BASIS' });

/** Requests each contender served (URL → count), measured runs, warm-up and checks alike. */
const served = new Map<string, number>();

async function run(url: string, token: string, query: string, duration = DURATION_SECONDS): Promise<Measured> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration,
    headers: HEADERS(token),
    body: JSON.stringify({ query }),
    ...(RATE ? { overallRate: RATE } : {}),
  });
  served.set(url, (served.get(url) ?? 0) + result.requests.total);
  return { requests: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** After each run, one request checked by content: a contender that answers errors fast must not look fast; ours must deny exactly what it should. */
async function assertAnswers(label: string, url: string, token: string, scenario: { query: string; denied: number }, enforcing: boolean): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: HEADERS(token), body: JSON.stringify({ query: scenario.query }) });
  served.set(url, (served.get(url) ?? 0) + 1);
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
  const errors = body.errors ?? [];
  // Withheld on purpose: a denied item (FORBIDDEN_FIELD) or an item decided per record, outside the grant's condition (FORBIDDEN_ROW).
  const unexpected = errors.filter((e) => e.extensions?.code !== 'FORBIDDEN_FIELD' && e.extensions?.code !== 'FORBIDDEN_ROW');
  if (!body.data || unexpected.length > 0) throw new Error(`${label} answered with errors: ${JSON.stringify(unexpected)}`);
  const denied = errors.length - unexpected.length;
  if (enforcing && denied !== scenario.denied) throw new Error(`${label} denied ${denied} fields, expected ${scenario.denied}`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Resident set size now and at its peak (MiB), from /proc. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

const children: ChildProcess[] = [];
async function startChild(args: string[]): Promise<{ child: ChildProcess; line: Record<string, unknown> }> {
  // Ours runs as it ships (`npm run gateway`, the image, Kubernetes): with the gateway's own Node flags.
  const flags = args[0] === 'subgraphs' ? [] : args[0]!.startsWith('ours') ? [...GATEWAY_NODE_FLAGS, ...NODE_FLAGS] : NODE_FLAGS;
  const child = spawn(process.execPath, [...flags, new URL('./servers.ts', import.meta.url).pathname, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`benchmark process ${args[0]} exited (${code})`)));
  });
  return { child, line: JSON.parse(line) as Record<string, unknown> };
}

const dataDir = mkdtempSync(join(tmpdir(), 'zhoucun-bench-'));
const tokenIssuer = await ensureDemoKeyPair(dataDir, 'token-issuer');
await ensureDemoKeyPair(dataDir, 'gateway-signing');
await ensureDemoKeyPair(dataDir, 'audit-signing');
const token = await issueToken(tokenIssuer.privateKey, { dept: 'civil-affairs', app: 'bench' });

try {
  const subgraphs = (await startChild(['subgraphs', dataDir])).line['subgraphs'] as string[];
  const running: Array<{ role: string; label: string; url: string; pid: number }> = [];
  for (const [role, label] of CONTENDERS) {
    const { child, line } = await startChild([role, dataDir, JSON.stringify(subgraphs)]);
    running.push({ role, label, url: String(line['url']), pid: child.pid! });
  }
  const idle = new Map(running.map((c) => [c.role, memoryOf(c.pid).rss]));
  console.log(
    `node ${process.version}, ${CONNECTIONS} connections, median of ${ROUNDS} rounds of ${DURATION_SECONDS}s, contenders taking turns, ` +
      `audit store ${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'}${RATE ? `, every contender driven at ${RATE} req/s` : ''}, ours run with ${GATEWAY_NODE_FLAGS.join(' ')}${NODE_FLAGS.length ? `, every contender with ${NODE_FLAGS.join(' ')}` : ''}\n`,
  );
  for (const [name, scenario] of SCENARIOS) {
    // Warm every contender (plans, abilities, connections) before measuring.
    for (const { url } of running) await run(url, token, scenario.query, 2);
    const results = new Map<string, Measured[]>(running.map(({ role }) => [role, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const { role, label, url } of running) {
        results.get(role)!.push(await run(url, token, scenario.query));
        await assertAnswers(label, url, token, scenario, role.startsWith('ours'));
      }
    }
    const rate = (role: string) => median(results.get(role)?.map((m) => m.requests) ?? [NaN]);
    console.log(`${name}:`);
    for (const { role, label, pid } of running) {
      const list = results.get(role)!;
      const p50 = median(list.map((m) => m.p50)).toFixed(1);
      const p99 = median(list.map((m) => m.p99)).toFixed(1);
      const rss = memoryOf(pid).rss.toFixed(0);
      const errors = list.reduce((s, m) => s + m.errors, 0);
      console.log(
        `  ${label.padEnd(27)} ${rate(role).toFixed(0).padStart(6)} req/s   p50 ${p50.padStart(6)} ms   p99 ${p99.padStart(7)} ms   RSS ${rss.padStart(4)} MiB   errors ${errors}`,
      );
    }
    const ratio = (a: string, b: string) => `${(rate(a) / rate(b)).toFixed(2)}×`;
    console.log(`  ratio ours / plain              ${ratio('ours', 'plain')}`);
    console.log(`  ratio ours / plain + Node fetch ${ratio('ours', 'plain-fetch')}`);
    console.log(`  ratio ours / plain + pooled     ${ratio('ours', 'plain-pool')}`);
    console.log(`  ratio pooled / Node fetch (ours, no dedup) ${ratio('ours-no-dedup', 'ours-fetch')}`);
    console.log(`  ratio dedup / no dedup (ours)   ${ratio('ours', 'ours-no-dedup')}`);
    console.log(`  ratio audit on / audit off      ${ratio('ours', 'ours-audit-off')}\n`);
  }
  console.log('resident memory (MiB): idle after start / now / peak, and peak relative to plain @apollo/gateway; requests served');
  const plainPeak = running.find((c) => c.role === 'plain') && memoryOf(running.find((c) => c.role === 'plain')!.pid).peak;
  for (const { role, label, pid, url } of running) {
    const { rss, peak } = memoryOf(pid);
    const relative = plainPeak ? `${(peak / plainPeak).toFixed(2)}×` : '';
    console.log(
      `  ${label.padEnd(27)} ${idle.get(role)!.toFixed(0).padStart(5)} / ${rss.toFixed(0).padStart(5)} / ${peak.toFixed(0).padStart(5)}   ${relative.padEnd(6)} ${served.get(url) ?? 0}`,
    );
  }
} finally {
  for (const child of children) child.kill('SIGTERM');
}
