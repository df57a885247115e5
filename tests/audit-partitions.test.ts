/**
 * Audit at province scale, on PGlite and on real PostgreSQL: records and subject rows in monthly
 * partitions (China months), months past the profile's retention archived to signed files and
 * dropped, and the chains verified across the archives into the store. Records are written by the
 * real audit writer with times of 2025 (an injected clock: the record's own time).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveAuditMonth, ArchiveRefused, monthsPastRetention } from '../gateway/audit/archive-audit-month.ts';
import { archiveFileName } from '../gateway/audit/audit-archive.ts';
import { verifyAuditChains } from '../gateway/audit/verify-audit-chain.ts';
import { demoKeyPath, ensureDemoKeyPair, type KeyPair } from '../platform/keys.ts';
import { loadPublicKeySet, type PublicKeySet } from '../platform/key-set.ts';
import { ensureAuditPartitions, listAuditPartitions } from '../platform/store/audit-partitions.ts';
import type { Store } from '../platform/store/database.ts';
import { auditEntry, openAuditWriter } from './support/audit-fixtures.ts';
import { runAuditVerify } from './support/audit-verify-command.ts';
import { openMigratedStore, STORE_BACKENDS, type TestDatabase } from './support/databases.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const CHAIN = 'gateway-province-1';
/** Closed in January: every record of it is archived. */
const QUIET = 'gateway-province-2';
/** Instants of 2025, China months: 2025-01-31T16:30Z is 1 February 00:30 in Beijing. */
const TIMES = [
  ...['2025-01-05', '2025-01-12', '2025-01-20', '2025-01-28'].map((day) => `${day}T02:00:00.000Z`),
  '2025-01-31T16:30:00.000Z',
  ...['2025-02-10', '2025-02-20', '2025-03-03', '2025-03-15', '2025-04-02'].map((day) => `${day}T02:00:00.000Z`),
];
const RETENTION = 6;
/** Past the six months of January and February 2025, not of March. */
const NOW = new Date('2025-09-02T00:00:00.000Z');

const entry = (i: number, at: string) => auditEntry(`r-${i}`, { at, subjects: { 'public-security': [`hmac-${i}`] } });

describe.each(STORE_BACKENDS)('audit partitions and archives on %s', (backend, createDatabase) => {
  let database: TestDatabase;
  let store: Store;
  let close: (() => Promise<void>) | undefined;
  let dir: string;
  let archiveDir: string;
  let key: KeyPair;
  let keys: PublicKeySet;

  beforeAll(async () => {
    ({ database, store, close } = await openMigratedStore(createDatabase));
    dir = mkdtempSync(join(tmpdir(), 'zhoucun-partitions-'));
    archiveDir = join(dir, 'archive');
    key = await ensureDemoKeyPair(dir, 'audit-signing');
    keys = await loadPublicKeySet(demoKeyPath(dir, 'audit-signing', 'public-keys'));
    await ensureAuditPartitions(store.db, { now: new Date('2025-04-15T00:00:00.000Z'), from: new Date('2025-01-01T00:00:00.000Z'), ahead: 0 });
    const writer = await openAuditWriter(store.db, dir, CHAIN, { checkpointEvery: 3 });
    for (const [i, at] of TIMES.entries()) await writer.append(entry(i, at));
    await writer.close();
    const quiet = await openAuditWriter(store.db, join(dir, 'quiet'), QUIET, { checkpointKey: async () => key });
    for (const i of [100, 101]) await quiet.append(entry(i, '2025-01-07T03:00:00.000Z'));
    await quiet.close();
  });
  afterAll(async () => {
    await close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const rowsIn = async (table: string) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.id(table)}`.execute(store.db)).rows[0]!.n);

  it('art-22: when records are written over four months, then each lies in the partition of its China month, its subject rows beside it', async () => {
    expect(await listAuditPartitions(store.db, 'audit_records')).toEqual(expect.arrayContaining(['2025-01', '2025-02', '2025-03', '2025-04']));
    expect(await rowsIn('audit_records_y2025m01')).toBe(4 + 2);
    expect(await rowsIn('audit_records_y2025m02')).toBe(3);
    expect(await rowsIn('audit_records_y2025m03')).toBe(2);
    expect(await rowsIn('audit_records_y2025m04')).toBe(1);
    expect(await rowsIn('audit_subjects_y2025m02')).toBe(3);
    expect(await rowsIn('audit_records_default')).toBe(0);
  });

  it('when a record falls in no partition, then the DEFAULT partition takes it, and making its month moves it there', async () => {
    const chain = 'gateway-far-future';
    const writer = await openAuditWriter(store.db, join(dir, 'far'), chain, { checkpointKey: async () => key });
    await writer.append(entry(200, '2031-06-01T00:00:00.000Z'));
    await writer.close();
    expect(await rowsIn('audit_records_default')).toBe(1);
    expect(await ensureAuditPartitions(store.db, { now: new Date('2031-06-01T00:00:00.000Z'), from: new Date('2031-06-01T00:00:00.000Z'), ahead: 0 })).toEqual([
      'audit_records_y2031m06',
      'audit_subjects_y2031m06',
    ]);
    expect([await rowsIn('audit_records_default'), await rowsIn('audit_records_y2031m06'), await rowsIn('audit_subjects_y2031m06')]).toEqual([0, 1, 1]);
    await store.db.deleteFrom('audit_records').where('chain', '=', chain).execute();
    await store.db.deleteFrom('audit_subjects').where('chain', '=', chain).execute();
    await store.db.deleteFrom('audit_checkpoints').where('chain', '=', chain).execute();
    await sql`drop table audit_records_y2031m06, audit_subjects_y2031m06`.execute(store.db);
  });

  it('art-22: when ARCHIVE_DIR cannot be written, then the archive fails naming it and nothing is dropped', async () => {
    const blocked = join(dir, 'not-a-directory');
    writeFileSync(blocked, 'a file where the archive directory should be');
    const attempt = archiveAuditMonth(store.db, '2025-01', { dir: join(blocked, 'archive'), key, keys, now: NOW });
    await expect(attempt).rejects.toBeInstanceOf(ArchiveRefused);
    await expect(attempt).rejects.toThrow(/2025-01: not archived, nothing dropped: .*ENOTDIR/);
    expect(await listAuditPartitions(store.db, 'audit_records')).toContain('2025-01');
    expect(await rowsIn('audit_records_y2025m01')).toBe(6);
    expect(await store.db.selectFrom('audit_archives').selectAll().execute()).toEqual([]);
  });

  it('art-22: when a record of the month was changed in the store, then the month is not archived and nothing is dropped', async () => {
    const changed = () => store.db.updateTable('audit_records').where('chain', '=', CHAIN).where('seq', '=', '2');
    await changed().set({ app: 'someone-else' }).execute();
    try {
      await expect(archiveAuditMonth(store.db, '2025-01', { dir: archiveDir, key, keys, now: NOW })).rejects.toThrow(
        /^2025-01: does not verify, not archived: chain gateway-province-1, record 2 \(the store's month 2025-01, row id \d+\): content does not match its hash — the record was changed$/,
      );
      expect(await rowsIn('audit_records_y2025m01')).toBe(6);
      expect(await store.db.selectFrom('audit_archives').selectAll().execute()).toEqual([]);
    } finally {
      await changed().set({ app: 'a' }).execute();
    }
  });

  it('when a month is not the oldest, then it is not archived', async () => {
    await expect(archiveAuditMonth(store.db, '2025-02', { dir: archiveDir, key, keys, now: NOW })).rejects.toThrow(
      '2025-02: the older month 2025-01 is still in the store — months are archived oldest first',
    );
  });

  it('art-22: when months pass the retention, then each is archived to a signed file, its partitions dropped, and the chains verify across the archives into the store', async () => {
    const months = await monthsPastRetention(store.db, RETENTION, NOW);
    expect(months).toEqual(['2025-01', '2025-02']);
    const results = [];
    for (const month of months) results.push(await archiveAuditMonth(store.db, month, { dir: archiveDir, key, keys, now: NOW }));
    // The record of 1 February 00:30 (China) was chained fifth: January's part of the chain ends before it.
    expect(results.map((r) => [r.month, r.records, r.chains.map((c) => `${c.chain} ${c.fromSeq}-${c.throughSeq}`)])).toEqual([
      ['2025-01', 6, [`${CHAIN} 1-4`, `${QUIET} 1-2`]],
      ['2025-02', 3, [`${CHAIN} 5-7`]],
    ]);
    expect(await listAuditPartitions(store.db, 'audit_records')).not.toContain('2025-02');
    expect(await listAuditPartitions(store.db, 'audit_subjects')).not.toContain('2025-01');
    expect(await rowsIn('audit_records')).toBe(3);

    const withoutArchives = await verifyAuditChains(store.db, { keys, now: NOW });
    expect(withoutArchives).toMatchObject({ ok: true, records: 3, chains: 2 });
    const acrossArchives = await verifyAuditChains(store.db, { keys, now: NOW, archiveDir });
    expect(acrossArchives).toMatchObject({ ok: true, records: TIMES.length + 2, subjectRows: TIMES.length + 2, archivedMonths: ['2025-01', '2025-02'] });
  });

  it('when every record of a chain was archived, then its writer continues the chain after the archived end', async () => {
    const quiet = await openAuditWriter(store.db, join(dir, 'quiet'), QUIET, { checkpointKey: async () => key });
    await quiet.append(entry(102, '2025-04-03T03:00:00.000Z'));
    await quiet.close();
    const [row] = await store.db.selectFrom('audit_records').select(['seq']).where('chain', '=', QUIET).execute();
    expect(Number(row!.seq)).toBe(3);
    expect(await verifyAuditChains(store.db, { keys, now: NOW, archiveDir })).toMatchObject({ ok: true, records: TIMES.length + 3 });
  });

  it('art-22: when an archived record is altered, then verification names the archive and the alteration', async () => {
    const altered = join(dir, 'altered');
    cpSync(archiveDir, altered, { recursive: true });
    const path = join(altered, archiveFileName('2025-01'));
    const text = gunzipSync(readFileSync(path)).toString('utf8').replace('"app":"a"', '"app":"b"');
    writeFileSync(path, gzipSync(text));
    const report = await verifyAuditChains(store.db, { keys, now: NOW, archiveDir: altered });
    expect(report.ok).toBe(false);
    expect(report.problem).toBe("archive of 2025-01: audit-2025-01.ndjson.gz does not hash to the signed SHA-256 — the archive's content was altered");
  });

  it('when an archive is deleted, then verification names the month missing and the records it took', async () => {
    const gap = join(dir, 'gap');
    cpSync(archiveDir, gap, { recursive: true });
    rmSync(join(gap, archiveFileName('2025-02')));
    const report = await verifyAuditChains(store.db, { keys, now: NOW, archiveDir: gap });
    expect(report.ok).toBe(false);
    expect(report.problem).toBe(
      `archive of 2025-02 (audit-2025-02.ndjson.gz) is missing from ${gap}: chain ${CHAIN} records 5–7 cannot be verified — an archive is missing`,
    );
  });

  it('when an archive is deleted together with the store row naming it, then the gap in the chain is named', async () => {
    const gap = join(dir, 'gap-unlisted');
    cpSync(archiveDir, gap, { recursive: true });
    rmSync(join(gap, archiveFileName('2025-02')));
    const saved = await store.db.selectFrom('audit_archive_chains').selectAll().where('month', '=', '2025-02').execute();
    const savedArchive = await store.db.selectFrom('audit_archives').selectAll().where('month', '=', '2025-02').execute();
    await store.db.deleteFrom('audit_archive_chains').where('month', '=', '2025-02').execute();
    await store.db.deleteFrom('audit_archives').where('month', '=', '2025-02').execute();
    try {
      const report = await verifyAuditChains(store.db, { keys, now: NOW, archiveDir: gap });
      expect(report.ok).toBe(false);
      expect(report.problem).toMatch(new RegExp(`^chain ${CHAIN}, record 8 \\(row id \\d+\\): expected record 5 next`));
    } finally {
      await store.db.insertInto('audit_archives').values(savedArchive).execute();
      await store.db.insertInto('audit_archive_chains').values(saved).execute();
    }
  });

  if (backend === 'PostgreSQL')
    it('when `npm run audit:verify -- --archives` reads the archives, then it reports them intact, and a forged signature as not the audit key', () => {
      const location = { dataDir: dir, databaseUrl: database.databaseUrl };
      const intact = runAuditVerify(location, { args: ['--archives', archiveDir] });
      expect(intact.stdout).toContain('Archives intact: 2 signed month(s)');
      expect(intact.status).toBe(0);
      const forged = join(dir, 'forged');
      cpSync(archiveDir, forged, { recursive: true });
      const signaturePath = join(forged, `${archiveFileName('2025-01')}.sig.json`);
      const signature = JSON.parse(readFileSync(signaturePath, 'utf8')) as { signature: string };
      writeFileSync(signaturePath, JSON.stringify({ ...signature, signature: Buffer.alloc(64).toString('base64url') }));
      const broken = runAuditVerify(location, { args: ['--archives', forged] });
      expect(broken.stderr).toContain('archive of 2025-01: the signature is not that of audit key');
      expect(broken.status).toBe(1);
      expect(execFileSync('ls', [forged]).toString()).toContain('audit-2025-01.ndjson.gz');
    });

  if (backend === 'PostgreSQL')
    it("art-22: when `npm run audit:archive` cannot write ARCHIVE_DIR, then it exits 1 naming the month and the cause and drops nothing; given one, it archives every month past the profile's retention", () => {
      const env = (archive: string): NodeJS.ProcessEnv => {
        const vars: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, DATABASE_URL: database.databaseUrl, ARCHIVE_DIR: archive };
        for (const name of ['REDIS_URL', 'AUDIT_PUBLIC_KEYS_PATH', 'AUDIT_SIGNING_KEY_PATH']) delete vars[name];
        return { ...vars, REGULATION_PROFILE: 'provincial-two-step' };
      };
      const run = (archive: string) =>
        spawnSync(process.execPath, ['scripts/audit-archive.ts'], { cwd: ROOT, env: env(archive), encoding: 'utf8', timeout: 60_000 });
      const refused = run(join(dir, 'not-a-directory', 'archive'));
      expect(refused.stderr).toMatch(/^Audit archive FAILED, nothing of 2025-03 dropped: 2025-03: not archived, nothing dropped: .*ENOTDIR/);
      expect(refused.status).toBe(1);
      const archived = run(archiveDir);
      expect(archived.stdout).toContain(`2025-03: archived to ${archiveDir}/audit-2025-03.ndjson.gz (2 records`);
      expect(archived.stdout).toContain(`2025-04: archived to ${archiveDir}/audit-2025-04.ndjson.gz (2 records`);
      expect(archived.status).toBe(0);
      const verified = runAuditVerify({ dataDir: dir, databaseUrl: database.databaseUrl }, { args: ['--archives', archiveDir] });
      expect(verified.stdout).toContain('Archives intact: 4 signed month(s)');
      expect(verified.status).toBe(0);
    });
});
