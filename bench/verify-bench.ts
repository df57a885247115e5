/**
 * `npm run bench:verify`: 1 000 residents verified against two providers (name at public-security,
 * monthly pension at human-resources) in one `verify` call, beside a plain read of the same items
 * for the same residents in one HTTP request (a batch of ten `residents(citizenIds: [100 ids])`
 * operations), taking turns, audit on, PGlite in memory unless DATABASE_URL is set. Prints the
 * medians and their ratio. The consumer is human-resources, which may read and verify both items
 * (its own, and an UNCONDITIONAL one), so both sides do the same authorised work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '../scripts/issue-token.ts';
import { startPlatform } from '../scripts/start-platform.ts';
import { district } from '../subgraphs/shared/district.ts';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 9);
const SUBJECTS = 1_000;
const dataDir = mkdtempSync(join(tmpdir(), 'zhoucun-bench-verify-'));
const platform = await startPlatform({
  dataDir,
  gatewayPort: 0,
  logLevel: 'silent',
  pgliteInMemory: true,
  databaseUrl: process.env['DATABASE_URL'],
  limits: { keysPerRequest: SUBJECTS },
});

try {
  const token = await issueToken(platform.tokenIssuer.privateKey, { dept: 'human-resources', app: 'bench' });
  const residents = district().residents.slice(0, SUBJECTS);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-share-purpose': 'DATA_VERIFICATION' };
  const verifyBody = JSON.stringify({
    query: 'query($s: [VerifySubjectInput!]!) { verify(subjects: $s) { subject items { field outcome } } }',
    variables: { s: residents.map((r) => ({ citizenId: r.citizenId, claims: { name: r.name, monthlyPension: 2860.5 } })) },
  });
  const readBody = JSON.stringify(
    Array.from({ length: SUBJECTS / 100 }, (_v, i) => ({
      query: 'query($ids: [CitizenId!]!) { residents(citizenIds: $ids) { citizenId name monthlyPension } }',
      variables: { ids: residents.slice(i * 100, (i + 1) * 100).map((r) => r.citizenId) },
    })),
  );
  const time = async (body: string, check: (answer: unknown) => boolean) => {
    const started = performance.now();
    const response = await fetch(platform.gatewayUrl, { method: 'POST', headers, body });
    const answer = (await response.json()) as unknown;
    const elapsed = performance.now() - started;
    if (!check(answer)) throw new Error(`unexpected answer: ${JSON.stringify(answer).slice(0, 300)}`);
    return elapsed;
  };
  const verified = (answer: unknown) => (answer as { data?: { verify?: unknown[] } }).data?.verify?.length === SUBJECTS;
  const read = (answer: unknown) => Array.isArray(answer) && answer.every((part: { data?: { residents?: unknown[] } }) => part.data?.residents?.length === 100);
  // Warm-up: plans, abilities, connections.
  await time(verifyBody, verified);
  await time(readBody, read);
  const times = { verify: [] as number[], read: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    times.verify.push(await time(verifyBody, verified));
    times.read.push(await time(readBody, read));
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  const v = median(times.verify);
  const r = median(times.read);
  console.log(`${SUBJECTS} subjects, two providers, median of ${ROUNDS} rounds (store: ${platform.store.kind})`);
  console.log(`  verify (MATCH/MISMATCH per item)         ${v.toFixed(1).padStart(8)} ms`);
  console.log(`  plain read of the same items             ${r.toFixed(1).padStart(8)} ms`);
  console.log(`  verify / read                            ${(v / r).toFixed(2).padStart(8)}×`);
} finally {
  await platform.close();
  rmSync(dataDir, { recursive: true, force: true });
}
