/**
 * `npm run bench:audit-write`: the durable audit writer alone, its group commit written two ways in one
 * run — one statement per group (now: `insertAuditGroup`, one round trip) and a transaction of one
 * insert built by the query builder (BEGIN, INSERT, COMMIT: three round trips) — on PGlite (on disk,
 * as the demo gateway keeps it) and PostgreSQL (a fresh database on the server of `DATABASE_URL`,
 * default postgres://postgres@127.0.0.1:5432/postgres, dropped after).
 *
 * Each round starts a writer on a new chain and keeps `concurrency` appends in flight for
 * `BENCH_DURATION` seconds (a closed loop: each append waits for its record's group commit, as a
 * response does), then closes it. The two ways take turns round by round (the order alternating);
 * printed per store and concurrency: records/s, append latency p50/p99, the group commit's own
 * latency (median) and mean group size, medians of `BENCH_ROUNDS` rounds, and the ratios new / old.
 * Records are ordinary ones (one subject each) with one in 50 listing 200 subjects (a batch read).
 * `BENCH_STORES` (`pglite,postgres`) and `BENCH_CONCURRENCY` (`1,16,64`) select.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { recordToRow } from '../gateway/audit/audit-codec.ts';
import { listSubjects, type AuditEntry, type ChainedRecord } from '../gateway/audit/audit-record.ts';
import { createAuditSpool } from '../gateway/audit/audit-spool.ts';
import { createAuditWriter } from '../gateway/audit/audit-writer.ts';
import { checkpointLogPath, createCheckpointLog } from '../gateway/audit/checkpoint-anchors.ts';
import { insertAuditGroup } from '../gateway/audit/store-audit-records.ts';
import { watchSigningKey } from '../platform/key-set.ts';
import { demoKeyPath, ensureDemoKeyPair } from '../platform/keys.ts';
import { openStore, type Store } from '../platform/store/database.ts';
import { migrateToLatest } from '../platform/store/migrate.ts';
import type { Database } from '../platform/store/tables.ts';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const DURATION_MS = Number(process.env['BENCH_DURATION'] ?? 3) * 1_000;
const STORES = (process.env['BENCH_STORES'] ?? 'pglite,postgres').split(',');
const CONCURRENCY = (process.env['BENCH_CONCURRENCY'] ?? '1,16,64').split(',').map(Number);
const server = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');

type InsertGroup = (db: Kysely<Database>, records: readonly ChainedRecord[]) => Promise<readonly number[] | void>;

/** The group commit as a transaction of one insert built by the query builder (one parameter per value). */
const transactionOfInserts: InsertGroup = async (db, records) => {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('audit_records')
      .values(records.map(recordToRow))
      .onConflict((oc) => oc.columns(['chain', 'seq', 'at']).doNothing())
      .execute();
  });
};

const WAYS: ReadonlyArray<[string, InsertGroup]> = [
  ['old: transaction, 3 round trips', transactionOfInserts],
  ['new: one statement', insertAuditGroup],
];

const hmac = () => randomBytes(32).toString('hex');
let counter = 0;
function entry(): AuditEntry {
  counter += 1;
  const batch = counter % 50 === 0;
  return {
    at: new Date().toISOString(),
    requestId: `bench-${counter}`,
    app: 'means-test',
    dept: 'civil-affairs',
    roles: ['consumer'],
    purpose: 'ADMINISTRATIVE_BASIS',
    matter: '最低生活保障资格审核',
    operationHash: 'a'.repeat(64),
    operationName: 'Lookup',
    granted: ['Resident.name', 'Resident.monthlyPension', 'Query.resident'],
    denied: ['Resident.criminalRecord'],
    masked: [],
    providers: ['human-resources', 'public-security'],
    served: { 'human-resources': { calls: 1, entities: batch ? 200 : 1 }, 'public-security': { calls: 1, entities: batch ? 200 : 1 } },
    outcome: 'PARTIAL',
    durationMs: 12,
    subjects: listSubjects(new Map([['public-security', Array.from({ length: batch ? 200 : 1 }, hmac)]])),
    documentHash: 'b'.repeat(64),
  };
}

interface Round {
  perSecond: number;
  p50: number;
  p99: number;
  commitMs: number;
  groupSize: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
const median = (values: number[]) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

async function round(db: Kysely<Database>, dir: string, chain: string, insert: InsertGroup, concurrency: number): Promise<Round> {
  const commits: number[] = [];
  const sizes: number[] = [];
  const timed: InsertGroup = async (into, records) => {
    const started = performance.now();
    const inserted = await insert(into, records);
    commits.push(performance.now() - started);
    sizes.push(records.length);
    return inserted;
  };
  const writer = await createAuditWriter({
    db,
    spool: createAuditSpool(join(dir, `${chain}.spool.ndjson`)),
    quarantineFile: createAuditSpool(join(dir, `${chain}.quarantine.ndjson`)),
    chain,
    checkpointKey: watchSigningKey(demoKeyPath(dir, 'audit-signing', 'private')),
    checkpointLog: createCheckpointLog(checkpointLogPath(join(dir, 'audit'), chain)),
    insertGroup: timed,
  });
  let degraded: unknown;
  writer.onAlert((alert) => (degraded ??= alert));
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + DURATION_MS;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const begun = performance.now();
        await writer.append(entry());
        latencies.push(performance.now() - begun);
      }
    }),
  );
  const elapsed = performance.now() - started;
  await writer.close();
  if (degraded) throw new Error(`the writer degraded: ${JSON.stringify(degraded)}`);
  const spooled = writer.state().spool.waiting;
  if (spooled > 0) throw new Error(`${spooled} records went to the spool, not the store`);
  latencies.sort((a, b) => a - b);
  return {
    perSecond: (latencies.length / elapsed) * 1_000,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    commitMs: median(commits),
    groupSize: sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length),
  };
}

async function openBenchStore(kind: string, dir: string): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const store = await openStore({ pgliteDir: join(dir, 'pglite') });
    await migrateToLatest(store.db);
    return { store, drop: () => store.close() };
  }
  const name = `zhoucun_audit_write_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString() });
  await migrateToLatest(store.db);
  return {
    store,
    drop: async () => {
      await store.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const fmt = (value: number, digits = 1) => value.toFixed(digits).padStart(8);
const dir = mkdtempSync(join(tmpdir(), 'zhoucun-bench-audit-write-'));
try {
  await ensureDemoKeyPair(dir, 'audit-signing');
  console.log(`audit writer alone: ${ROUNDS} rounds of ${DURATION_MS / 1_000} s per way, alternating; medians`);
  for (const kind of STORES) {
    const { store, drop } = await openBenchStore(kind, dir);
    try {
      for (const concurrency of CONCURRENCY) {
        const results = new Map<string, Round[]>(WAYS.map(([name]) => [name, []]));
        // Warm-up: connections, plans, the first partition pages.
        for (const [name, insert] of WAYS) await round(store.db, dir, `warm-${kind}-${concurrency}-${name.slice(0, 3)}`, insert, concurrency);
        for (let r = 0; r < ROUNDS; r++) {
          for (const [name, insert] of r % 2 === 0 ? WAYS : [...WAYS].reverse()) {
            results.get(name)!.push(await round(store.db, dir, `bench-${kind}-${concurrency}-${name.slice(0, 3)}-${r}`, insert, concurrency));
          }
        }
        console.log(`\n${store.kind}, ${concurrency} append(s) in flight`);
        console.log(`  ${'way'.padEnd(34)} records/s   p50 ms   p99 ms  commit ms  group`);
        const summary = WAYS.map(([name]) => {
          const rounds = results.get(name)!;
          const pick = (key: keyof Round) => median(rounds.map((x) => x[key]));
          const line = { perSecond: pick('perSecond'), p50: pick('p50'), p99: pick('p99'), commitMs: pick('commitMs'), groupSize: pick('groupSize') };
          console.log(
            `  ${name.padEnd(34)}${fmt(line.perSecond, 0)}${fmt(line.p50, 2)}${fmt(line.p99, 2)}${fmt(line.commitMs, 2)}   ${fmt(line.groupSize, 1)}`,
          );
          return line;
        });
        const [old, now] = summary as [Round, Round];
        console.log(
          `  new / old: records/s ${(now.perSecond / old.perSecond).toFixed(2)}×, p50 ${(now.p50 / old.p50).toFixed(2)}×, commit ${(now.commitMs / old.commitMs).toFixed(2)}×`,
        );
      }
    } finally {
      await drop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
