/**
 * `npm run bench`: the same nested multi-subgraph queries through a plain @apollo/gateway and
 * through ours (enforcement and durable audit on), side by side in one run, with ours with audit off
 * to price the audit; servers in a child process, load from
 * this one (autocannon). Contenders take turns round by round so that drift of the machine hits all
 * alike; each figure is the median of the rounds. Two baselines: @apollo/gateway as shipped (its
 * make-fetch-happen client), and @apollo/gateway given Node's fetch as ours uses, which isolates
 * the cost of enforcement itself.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { DEMO } from '../subgraphs/shared/district.ts';

const DURATION_SECONDS = Number(process.env['BENCH_DURATION'] ?? 5);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 32);

const SCENARIOS = {
  'all fields granted': `query Bench { enterprise(creditCode: "${DEMO.enterprise}") { name status establishedOn
    legalRepresentative { name gender birthDate householdSubdistrict maritalStatus legalRepresentativeOf { name } }
    licences { certificateNo title issuedOn } } resident(citizenId: "${DEMO.resident}") { name monthlyPension } }`,
  'with denied fields': `query BenchDenied { enterprise(creditCode: "${DEMO.enterprise}") { name status administrativePenalties { decisionNo }
    legalRepresentative { name criminalRecord householdAddress maritalStatus realEstate { certificateNo } } licences { certificateNo } }
    resident(citizenId: "${DEMO.resident}") { name monthlyPension pensionStatus } }`,
};

interface Measured {
  requests: number;
  p50: number;
  p99: number;
  errors: number;
}

async function run(url: string, token: string, query: string, duration = DURATION_SECONDS): Promise<Measured> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-share-purpose': 'ADMINISTRATIVE_BASIS' },
    body: JSON.stringify({ query }),
  });
  return { requests: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** After each run, one request checked by content: a contender that answers errors fast must not look fast. */
async function assertAnswers(label: string, url: string, token: string, query: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-share-purpose': 'ADMINISTRATIVE_BASIS' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
  const unexpected = (body.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN_FIELD');
  if (!body.data || unexpected.length > 0) throw new Error(`${label} answered with errors: ${JSON.stringify(unexpected)}`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const servers = spawn(process.execPath, [new URL('./servers.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
const firstLine = await new Promise<string>((resolve, reject) => {
  createInterface({ input: servers.stdout! }).once('line', resolve);
  servers.once('exit', (code) => reject(new Error(`benchmark servers exited (${code})`)));
});
const urls = JSON.parse(firstLine) as { ours: string; oursAuditOff: string; plain: string; plainFetch: string; store: string; token: string };
const CONTENDERS = [
  ['plain @apollo/gateway', urls.plain],
  ['plain + Node fetch', urls.plainFetch],
  ['zhoucun, audit off', urls.oursAuditOff],
  ['zhoucun (enforcing)', urls.ours],
] as const;

try {
  console.log(
    `node ${process.version}, ${CONNECTIONS} connections, median of ${ROUNDS} rounds of ${DURATION_SECONDS}s, contenders taking turns, audit store ${urls.store}\n`,
  );
  for (const [name, query] of Object.entries(SCENARIOS)) {
    // Warm every contender (plans, abilities, connections) before measuring.
    for (const [, url] of CONTENDERS) await run(url, urls.token, query, 2);
    const results = new Map<string, Measured[]>(CONTENDERS.map(([label]) => [label, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [label, url] of CONTENDERS) {
        results.get(label)!.push(await run(url, urls.token, query));
        await assertAnswers(label, url, urls.token, query);
      }
    }
    const rate = (label: string) => median(results.get(label)!.map((m) => m.requests));
    console.log(`${name}:`);
    for (const [label] of CONTENDERS) {
      const list = results.get(label)!;
      console.log(
        `  ${label.padEnd(22)} ${rate(label).toFixed(0).padStart(6)} req/s   p50 ${median(list.map((m) => m.p50))
          .toFixed(1)
          .padStart(6)} ms   p99 ${median(list.map((m) => m.p99))
          .toFixed(1)
          .padStart(7)} ms   errors ${list.reduce((s, m) => s + m.errors, 0)}`,
      );
    }
    console.log(`  ratio ours / plain             ${(rate('zhoucun (enforcing)') / rate('plain @apollo/gateway')).toFixed(2)}×`);
    console.log(`  ratio ours / plain + fetch     ${(rate('zhoucun (enforcing)') / rate('plain + Node fetch')).toFixed(2)}×`);
    console.log(`  ratio audit on / audit off     ${(rate('zhoucun (enforcing)') / rate('zhoucun, audit off')).toFixed(2)}×\n`);
  }
} finally {
  servers.kill('SIGTERM');
}
