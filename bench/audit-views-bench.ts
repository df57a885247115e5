/**
 * `npm run bench:audit`: the audit views on a million records. Creates a fresh PostgreSQL database
 * on the server of `DATABASE_URL` (default postgres://postgres@127.0.0.1:5432/postgres), fills it
 * with 1 000 000 synthetic records over a year (each serving one of 3 000 residents, indexed by its
 * keyed HMAC), and times each view, one subject's accesses included (median of 5 runs). Then the
 * evaluation report of a provider over the whole year (art. 17): its first run (rolling up the year's
 * days once), then read from the daily roll-up, side by side with the same counts taken from the
 * records themselves, and their ratio.
 *
 * Then the same data in a second database whose audit tables hold the year in one partition instead
 * of twelve monthly ones (migration 0016): the subject views, a month's usage and the year report
 * timed on both, side by side with the ratio. `BENCH_AUDIT_RECORDS` sets the size (default 1 000 000);
 * `BENCH_AUDIT_PARTITIONS=0` skips the comparison.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { syncCatalog } from '../subgraphs/info-center/catalog.ts';
import { providerUseFromRecords, rollUpAhead } from '../subgraphs/info-center/audit-rollup.ts';
import { buildReport } from '../subgraphs/info-center/evaluation-report.ts';
import { dataUsage, listAuditRecords } from '../subgraphs/info-center/audit-views.ts';
import type { GovernanceServices } from '../subgraphs/info-center/governance-services.ts';
import { seedStore } from '../subgraphs/info-center/seed.ts';
import { accessesToSubject } from '../subgraphs/info-center/subject-log.ts';
import { openStore, type Store } from '../platform/store/database.ts';
import { ensureAuditPartitions, listAuditPartitions, partitionName, PARTITIONED_AUDIT_TABLES } from '../platform/store/audit-partitions.ts';
import { migrateToLatest } from '../platform/store/migrate.ts';
import type { Consumer } from '../policies/types.ts';
import { composeSupergraph } from '../schema/compose-supergraph.ts';
import { readShareCatalog } from '../schema/read-share-catalog.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { DEFAULT_REGULATION_PROFILE, requireShippedProfile } from '../policies/regulation-profiles.ts';

const RECORDS = Number(process.env['BENCH_AUDIT_RECORDS'] ?? 1_000_000);
const COMPARE_PARTITIONS = process.env['BENCH_AUDIT_PARTITIONS'] !== '0';
/** Runs of each view on each layout, alternating; the median is printed. */
const COMPARE_RUNS = 9;
const server = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const admin = new pg.Client({ connectionString: server.toString() });
await admin.connect();
const names: string[] = [];
const catalog = readShareCatalog(composeSupergraph(SUBGRAPHS.map((s) => ({ name: s.name, url: 'http://bench', typeDefs: s.definition.typeDefs }))));

/** A fresh database with the year 2026 of synthetic records, in twelve monthly partitions or in one. */
async function filledStore(layout: 'monthly' | 'one'): Promise<Store> {
  const name = `zhoucun_audit_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  names.push(name);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString() });
  await migrateToLatest(store.db);
  await seedStore(store.db);
  await syncCatalog(store.db, catalog, new Date());
  if (layout === 'monthly') {
    await ensureAuditPartitions(store.db, { now: new Date('2026-12-15T00:00:00Z'), from: new Date('2026-01-15T00:00:00Z'), ahead: 0 });
  } else {
    // The months the migration made ahead overlap the year: the year takes their place in one partition.
    for (const table of PARTITIONED_AUDIT_TABLES) {
      for (const month of (await listAuditPartitions(store.db, table)).filter((m) => m.startsWith('2026-')))
        await sql`drop table ${sql.id(partitionName(table, month))}`.execute(store.db);
      await sql`create table ${sql.id(`${table}_y2026`)} partition of ${sql.id(table)}
                for values from ('2026-01-01 00:00:00+08') to ('2027-01-01 00:00:00+08')`.execute(store.db);
    }
  }
  const started = performance.now();
  // Synthetic traffic: seven consumer departments, four purposes, a handful of query shapes, one year.
  await sql`
    insert into audit_records (chain, seq, prev_hash, hash, at, request_id, app, dept, roles, purpose, matter, operation_hash, operation_name,
                               granted, denied, masked, providers, served, outcome, duration_ms, subjects)
    select 'bench', i, 'x', md5(i::text), timestamptz '2026-01-01 00:00:00+08' + (i * (interval '365 days' / ${RECORDS})),
           'req-' || i, (array['civil-affairs-app','approval-app','hr-portal','mr-app','nr-app','ps-app','ic-app'])[1 + i % 7] || '-' || (i % 3),
           (array['civil-affairs','approval','human-resources','market-regulation','natural-resources','public-security','info-center'])[1 + i % 7],
           '["consumer"]'::jsonb,
           (array['ADMINISTRATIVE_BASIS','WORK_REFERENCE','DATA_VERIFICATION','BUSINESS_COLLABORATION'])[1 + (i / 7) % 4],
           case when i % 5 = 0 then '最低生活保障资格审核' end, md5((i % 40)::text), 'Op' || (i % 40),
           (array['["Query.resident","Resident.name","Resident.monthlyPension"]','["Query.enterprise","Enterprise.name","Resident.name"]',
                  '["Query.resident","Resident.name","Resident.maritalStatus"]','["Query.realEstateRight","RealEstateRight.area"]'])[1 + i % 4]::jsonb,
           case when i % 3 = 0 then '["Resident.criminalRecord"]'::jsonb else '[]'::jsonb end, '[]'::jsonb,
           case i % 4 when 0 then array['human-resources','public-security'] when 1 then array['market-regulation','public-security']
                      when 2 then array['civil-affairs','public-security'] else array['natural-resources'] end,
           '{"public-security":{"calls":1,"entities":1}}'::jsonb, case when i % 3 = 0 then 'PARTIAL' else 'SERVED' end, 5 + i % 20,
           -- Every record served one resident of 3 000 (by its keyed HMAC, in a subject list): one subject has about 333 accesses in the year.
           jsonb_build_object('hmacs', jsonb_build_array(encode(sha256(convert_to('s' || (i % 3000), 'UTF8')), 'hex')),
                              'servedBy', jsonb_build_object((case i % 4 when 0 then 'human-resources' when 1 then 'market-regulation' when 2 then 'civil-affairs' else 'natural-resources' end), '*'))
    from generate_series(1, ${RECORDS}) as i`.execute(store.db);
  await sql`analyze audit_records`.execute(store.db);
  const partitions = layout === 'monthly' ? (await listAuditPartitions(store.db, 'audit_records')).filter((m) => m.startsWith('2026-')).length : 1;
  console.log(`${RECORDS} records inserted in ${((performance.now() - started) / 1000).toFixed(1)} s (${partitions} partition(s) for 2026)\n`);
  return store;
}

function servicesOf(store: Store): GovernanceServices {
  return {
    db: store.db,
    catalog: () => catalog,
    departments: [],
    grantMaxValidityDays: 365,
    profile: requireShippedProfile(DEFAULT_REGULATION_PROFILE),
    now: () => new Date(),
    grantsChanged: async () => undefined,
    subjectHmac: (identifier) => createHash('sha256').update(identifier.toLowerCase()).digest('hex'),
    supergraphSdl: () => '',
    localSubgraphs: [],
    supergraphChanged: async () => undefined,
  };
}

const consumer: Consumer = { app: 'a', dept: 'civil-affairs', roles: ['consumer'] };
const provider: Consumer = { app: 'hr-admin', dept: 'human-resources', roles: ['provider-admin'] };
const operator: Consumer = { app: 'op', dept: 'info-center', roles: ['platform-admin'] };
const year = { from: '2026-01-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' };
const march = { from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' };

const stores: Store[] = [];
try {
  const monthly = await filledStore('monthly');
  stores.push(monthly);
  const services = servicesOf(monthly);
  const deep = await listAuditRecords(services, consumer, { to: '2026-07-01T00:00:00+08:00' }, 200);

  const cases: Array<[string, () => Promise<unknown>]> = [
    ['consumer: own records, first page of 50', () => listAuditRecords(services, consumer, {}, 50)],
    [
      'consumer: a page in the middle of the year (keyset)',
      () => listAuditRecords(services, consumer, { to: '2026-07-01T00:00:00+08:00' }, 50, deep.nextCursor),
    ],
    ['provider: who used my items, first page', () => listAuditRecords(services, provider, { department: 'civil-affairs' }, 50)],
    ['operator: one purpose in one month', () => listAuditRecords(services, operator, { ...march, purpose: 'DATA_VERIFICATION' }, 50)],
    ['operator: one data item, first page', () => listAuditRecords(services, operator, { field: 'Resident.maritalStatus' }, 50)],
    ['operator: usage by consumer and resource, one month', () => dataUsage(services, operator, { ...march, groupBy: ['CONSUMER', 'RESOURCE'] })],
    ["operator: one subject's accesses in the year (~333)", () => accessesToSubject(services, operator, { citizenId: 's42', ...year, first: 500 })],
    ["provider: one subject's accesses it served, a year", () => accessesToSubject(services, provider, { citizenId: 's42', ...year, first: 500 })],
    ['provider: usage of my items by consumer, one month', () => dataUsage(services, provider, { ...march, groupBy: ['CONSUMER', 'FIELD'] })],
  ];
  for (const [label, run] of cases) console.log(`  ${label.padEnd(52)} ${(await median(5, run)).toFixed(1).padStart(8)} ms`);
  await yearReport(services);

  if (COMPARE_PARTITIONS) {
    const one = await filledStore('one');
    stores.push(one);
    await comparePartitions(services, servicesOf(one));
  }
} finally {
  for (const store of stores) await store.close();
  for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

/** The subject views, a month's usage and the year report on twelve monthly partitions and on one, side by side. */
async function comparePartitions(monthly: GovernanceServices, one: GovernanceServices): Promise<void> {
  const ended = (services: GovernanceServices) => ({ ...services, now: () => new Date('2027-01-15T04:00:00Z') });
  const period = { from: '2026-01-01', to: '2026-12-31', days: 365 };
  const cases: Array<[string, (services: GovernanceServices) => Promise<unknown>]> = [
    ["operator: one subject's accesses in the year", (s) => accessesToSubject(s, operator, { citizenId: 's42', ...year, first: 500 })],
    ["provider: one subject's accesses it served, a year", (s) => accessesToSubject(s, provider, { citizenId: 's42', ...year, first: 500 })],
    ['consumer: own records, first page of 50', (s) => listAuditRecords(s, consumer, {}, 50)],
    ['operator: usage by consumer and resource, one month', (s) => dataUsage(s, operator, { ...march, groupBy: ['CONSUMER', 'RESOURCE'] })],
    ['year report from the daily roll-up', (s) => buildReport(ended(s), 'human-resources', period)],
    ['year usage counted from the records (unrolled)', (s) => providerUseFromRecords(s.db, 'human-resources', period.from, period.to)],
  ];
  // The roll-up is made once on each (as a first report would), outside the timings.
  await buildReport(ended(monthly), 'human-resources', period);
  await buildReport(ended(one), 'human-resources', period);
  console.log(`\n  the same ${RECORDS} records: 12 monthly partitions / one partition (median of ${COMPARE_RUNS}, alternating)`);
  console.log(`  ${''.padEnd(52)} ${'12 months'.padStart(10)} ${'one'.padStart(10)} ${'ratio'.padStart(8)}`);
  for (const [label, run] of cases) {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < COMPARE_RUNS; i++) {
      a.push(await median(1, () => run(monthly)));
      b.push(await median(1, () => run(one)));
    }
    const middle = Math.floor(COMPARE_RUNS / 2);
    const [ma, mb] = [a.sort((x, y) => x - y)[middle]!, b.sort((x, y) => x - y)[middle]!];
    console.log(`  ${label.padEnd(52)} ${ma.toFixed(1).padStart(7)} ms ${mb.toFixed(1).padStart(7)} ms ${(ma / mb).toFixed(2).padStart(7)}×`);
  }
}

/** Median of `runs` runs of `run`, in ms. */
async function median(runs: number, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** The year's evaluation report of human-resources, once the year has ended: from the roll-up, and the same counts from the records. */
async function yearReport(services: GovernanceServices): Promise<void> {
  const sources = { ...services, now: () => new Date('2027-01-15T04:00:00Z') };
  const period = { from: '2026-01-01', to: '2026-12-31', days: 365 };
  // What the info-center does at start and nightly, ahead of any report (the two years up to yesterday).
  const t = performance.now();
  await rollUpAhead(services.db, sources.now());
  const first = performance.now() - t;
  const rolled = await median(5, () => buildReport(sources, 'human-resources', period));
  const unrolled = await median(3, () => providerUseFromRecords(services.db, 'human-resources', period.from, period.to));
  console.log(`\n  evaluation report, human-resources, year 2026 (${RECORDS} records)`);
  console.log(`  ${'roll-up ahead (start): days from the first record'.padEnd(52)} ${first.toFixed(1).padStart(8)} ms`);
  console.log(`  ${'report from the daily roll-up'.padEnd(52)} ${rolled.toFixed(1).padStart(8)} ms`);
  console.log(`  ${'usage and calls counted from the records (unrolled)'.padEnd(52)} ${unrolled.toFixed(1).padStart(8)} ms`);
  console.log(`  ${'ratio unrolled / rolled'.padEnd(52)} ${(unrolled / rolled).toFixed(1).padStart(8)} ×`);
}
