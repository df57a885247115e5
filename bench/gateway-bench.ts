/**
 * `npm run bench`: the same nested multi-subgraph queries through a plain @apollo/gateway and
 * through ours (enforcement on), side by side in one run, servers in a child process and load from
 * this one (autocannon). Rounds alternate so that drift of the machine hits both alike.
 * Prints req/s, p50, p99 for each and the ratio ours / plain.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { DEMO } from '../subgraphs/shared/district.ts';

const DURATION_SECONDS = Number(process.env['BENCH_DURATION'] ?? 8);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 2);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 32);

const SCENARIOS = {
  'all fields granted': `query Bench { enterprise(creditCode: "${DEMO.enterprise}") { name status establishedOn
    legalRepresentative { name gender birthDate householdSubdistrict maritalStatus legalRepresentativeOf { name } }
    licences { certificateNo title issuedOn } } resident(citizenId: "${DEMO.resident}") { name monthlyPension } }`,
  'with denied fields': `query BenchDenied { enterprise(creditCode: "${DEMO.enterprise}") { name status administrativePenalties { decisionNo }
    legalRepresentative { name criminalRecord householdAddress maritalStatus realEstate { certificateNo } } licences { certificateNo } }
    resident(citizenId: "${DEMO.resident}") { name monthlyPension pensionStatus } }`,
};

interface Measured { requests: number; p50: number; p99: number; errors: number }

async function run(url: string, token: string, query: string): Promise<Measured> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-share-purpose': 'ADMINISTRATIVE_BASIS' },
    body: JSON.stringify({ query }),
  });
  return { requests: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const servers = spawn(process.execPath, [new URL('./servers.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
const firstLine = await new Promise<string>((resolve, reject) => {
  createInterface({ input: servers.stdout! }).once('line', resolve);
  servers.once('exit', (code) => reject(new Error(`benchmark servers exited (${code})`)));
});
const { ours, plain, token } = JSON.parse(firstLine) as { ours: string; plain: string; token: string };

try {
  console.log(`node ${process.version}, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION_SECONDS}s per gateway and scenario\n`);
  for (const [name, query] of Object.entries(SCENARIOS)) {
    // Warm both (plans, abilities, connections) before measuring.
    await run(plain, token, query).then(() => run(ours, token, query));
    const totals = { plain: [] as Measured[], ours: [] as Measured[] };
    for (let round = 0; round < ROUNDS; round++) {
      totals.plain.push(await run(plain, token, query));
      totals.ours.push(await run(ours, token, query));
    }
    const mean = (list: Measured[], key: keyof Measured) => list.reduce((sum, m) => sum + m[key], 0) / list.length;
    const row = (label: string, list: Measured[]) =>
      `  ${label.padEnd(22)} ${mean(list, 'requests').toFixed(0).padStart(7)} req/s   p50 ${mean(list, 'p50').toFixed(1).padStart(6)} ms   p99 ${mean(list, 'p99').toFixed(1).padStart(6)} ms   errors ${mean(list, 'errors').toFixed(0)}`;
    console.log(`${name}:`);
    console.log(row('plain @apollo/gateway', totals.plain));
    console.log(row('zhoucun (enforcing)', totals.ours));
    console.log(`  ratio ours/plain       ${(mean(totals.ours, 'requests') / mean(totals.plain, 'requests')).toFixed(3)}× throughput\n`);
  }
} finally {
  servers.kill('SIGTERM');
}
