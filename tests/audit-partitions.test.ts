/**
 * Audit at province scale, on PGlite and on real PostgreSQL: records, with the subject log's index, in monthly
 * partitions (China months), months past the profile's retention archived to signed files and
 * dropped, and the chains verified across the archives into the store. Records are written by the
 * real audit writer with times of 2025 (an injected clock: the record's own time). `node:fs` is the real
 * one, watched: a test may count the archive's reads, or lose lines of a file as it is renamed into place.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
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

const fsWatch = vi.hoisted(() => ({
  /** Called before a file is renamed into place. */
  beforeRename: undefined as ((from: string, to: string) => void) | undefined,
  /** The paths opened for reading, in order. */
  reads: [] as string[],
}));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    renameSync: (from: string, to: string) => {
      fsWatch.beforeRename?.(from, to);
      fs.renameSync(from, to);
    },
    createReadStream: (...args: Parameters<typeof fs.createReadStream>) => {
      fsWatch.reads.push(String(args[0]));
      return fs.createReadStream(...args);
    },
  };
});

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
  /** Whether a partition has the subject log's index over its records' subjects (migration 0022). */
  const hasSubjectIndex = async (partition: string) =>
    (await sql<{ def: string }>`select indexdef as def from pg_indexes where tablename = ${partition}`.execute(store.db)).rows.some((row) =>
      row.def.includes('jsonb_path_query_array'),
    );

  it('art-22: when records are written over four months, then each lies in the partition of its China month, indexed by its subjects', async () => {
    expect(await listAuditPartitions(store.db, 'audit_records')).toEqual(expect.arrayContaining(['2025-01', '2025-02', '2025-03', '2025-04']));
    expect(await rowsIn('audit_records_y2025m01')).toBe(4 + 2);
    expect(await rowsIn('audit_records_y2025m02')).toBe(3);
    expect(await rowsIn('audit_records_y2025m03')).toBe(2);
    expect(await rowsIn('audit_records_y2025m04')).toBe(1);
    expect(await hasSubjectIndex('audit_records_y2025m02')).toBe(true);
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
    ]);
    expect([await rowsIn('audit_records_default'), await rowsIn('audit_records_y2031m06')]).toEqual([0, 1]);
    // A partition made after the migration takes the subject log's index when attached.
    expect(await hasSubjectIndex('audit_records_y2031m06')).toBe(true);
    await store.db.deleteFrom('audit_records').where('chain', '=', chain).execute();
    await store.db.deleteFrom('audit_checkpoints').where('chain', '=', chain).execute();
    await sql`drop table audit_records_y2031m06`.execute(store.db);
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

  it('art-22: when months pass the retention, then each is archived to a signed file, its partition dropped, and the chains verify across the archives into the store', async () => {
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

  it("art-22: when the store's note of where an archived chain ends is moved to hide a removed record, then verification without the archives names the note as not the signed one", async () => {
    const first = await store.db.selectFrom('audit_records').selectAll().where('chain', '=', CHAIN).orderBy('seq').limit(1).executeTakeFirstOrThrow();
    expect(Number(first.seq)).toBe(8);
    // Kept aside as it is (jsonb and all), to be put back.
    await sql`create table audit_records_aside as select * from audit_records where chain = ${CHAIN} and seq = 8`.execute(store.db);
    const noted = () => store.db.updateTable('audit_archive_chains').where('month', '=', '2025-02').where('chain', '=', CHAIN);
    const saved = await store.db
      .selectFrom('audit_archive_chains')
      .selectAll()
      .where('month', '=', '2025-02')
      .where('chain', '=', CHAIN)
      .executeTakeFirstOrThrow();
    await store.db.deleteFrom('audit_records').where('chain', '=', CHAIN).where('seq', '=', '8').execute();
    await noted().set({ through_seq: '8', through_hash: first.hash }).execute();
    try {
      const report = await verifyAuditChains(store.db, { keys, now: NOW });
      expect(report.ok).toBe(false);
      expect(report.problem).toBe(
        `archive of 2025-02 as the store notes it (audit_archives, audit_archive_chains): the signature is not that of audit key "${key.keyId}" over its file, counts and where its chains end — the store's note was altered, or the month was archived in format 1, which did not sign them`,
      );
      // The archiver reads the same note before it continues a chain: it refuses, and drops nothing.
      await expect(archiveAuditMonth(store.db, '2025-03', { dir: archiveDir, key, keys, now: NOW })).rejects.toThrow(
        /^2025-03: not archived, nothing dropped: archive of 2025-02 as the store notes it/,
      );
      expect(await listAuditPartitions(store.db, 'audit_records')).toContain('2025-03');
    } finally {
      await noted().set({ through_seq: saved.through_seq, through_hash: saved.through_hash }).execute();
      await sql`insert into audit_records select * from audit_records_aside`.execute(store.db);
      await sql`drop table audit_records_aside`.execute(store.db);
    }
    expect(await verifyAuditChains(store.db, { keys, now: NOW })).toMatchObject({ ok: true });
  });

  it("art-22: when a month's note is deleted or its signature blanked, then verification without the archives names it", async () => {
    const january = await store.db.selectFrom('audit_archives').selectAll().where('month', '=', '2025-01').executeTakeFirstOrThrow();
    const januaryChains = await store.db.selectFrom('audit_archive_chains').selectAll().where('month', '=', '2025-01').execute();
    await store.db.deleteFrom('audit_archive_chains').where('month', '=', '2025-01').execute();
    await store.db.deleteFrom('audit_archives').where('month', '=', '2025-01').execute();
    try {
      expect((await verifyAuditChains(store.db, { keys, now: NOW })).problem).toBe(
        `chain ${CHAIN}: the store notes its records 5–7 archived in 2025-02, after no archived record — a noted archive boundary was deleted or altered`,
      );
    } finally {
      await store.db.insertInto('audit_archives').values(january).execute();
      await store.db.insertInto('audit_archive_chains').values(januaryChains).execute();
    }
    await store.db.updateTable('audit_archives').set({ signature: '' }).where('month', '=', '2025-01').execute();
    try {
      expect((await verifyAuditChains(store.db, { keys, now: NOW })).problem).toMatch(
        /^archive of 2025-01 as the store notes it \(audit_archives, audit_archive_chains\): the signature is not that of audit key/,
      );
    } finally {
      await store.db.updateTable('audit_archives').set({ signature: january.signature }).where('month', '=', '2025-01').execute();
    }
  });

  it('when an archive is of format 1 or of a format unknown, then verification refuses it naming the format it reads', async () => {
    for (const format of ['zhoucun-audit-archive/1', 'zhoucun-audit-archive/99\u0000\n']) {
      const old = join(dir, 'format');
      rmSync(old, { recursive: true, force: true });
      cpSync(archiveDir, old, { recursive: true });
      const signaturePath = join(old, `${archiveFileName('2025-01')}.sig.json`);
      writeFileSync(signaturePath, JSON.stringify({ ...JSON.parse(readFileSync(signaturePath, 'utf8')), format }));
      const report = await verifyAuditChains(store.db, { keys, now: NOW, archiveDir: old });
      expect(report.problem).toBe(
        `archive of 2025-01: its signature is of format ${JSON.stringify(format)}; this release reads only zhoucun-audit-archive/2 (format 1 did not sign where its chains end) — verify it with the release that wrote it`,
      );
    }
  });

  it('when a month holding two chains is verified from its archive, then its file is read three times (its hash, what is small, the records of both chains), not once more per chain', async () => {
    fsWatch.reads.length = 0;
    expect(await verifyAuditChains(store.db, { keys, now: NOW, archiveDir })).toMatchObject({ ok: true, archivedMonths: ['2025-01', '2025-02'] });
    const january = join(archiveDir, archiveFileName('2025-01'));
    expect(fsWatch.reads.filter((path) => path === january)).toHaveLength(3);
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

describe.each(STORE_BACKENDS)('reading an archive back on %s', (_backend, createDatabase) => {
  /** Content PostgreSQL and PGlite refuse (SQLSTATE 22021): the record is quarantined in its place. */
  const POISON = { matter: 'a\u0000b' };

  async function setup() {
    const { store, close } = await openMigratedStore(createDatabase);
    const dir = mkdtempSync(join(tmpdir(), 'zhoucun-read-back-'));
    onTestFinished(async () => {
      fsWatch.beforeRename = undefined;
      await close();
      rmSync(dir, { recursive: true, force: true });
    });
    const key = await ensureDemoKeyPair(dir, 'audit-signing');
    const keys = await loadPublicKeySet(demoKeyPath(dir, 'audit-signing', 'public-keys'));
    await ensureAuditPartitions(store.db, { now: new Date('2025-02-15T00:00:00.000Z'), from: new Date('2025-01-01T00:00:00.000Z'), ahead: 0 });
    const writer = await openAuditWriter(store.db, dir, 'gateway-q', { checkpointKey: async () => key });
    await writer.append(entry(1, '2025-01-05T02:00:00.000Z'));
    await writer.append(auditEntry('r-2', { at: '2025-01-06T02:00:00.000Z', ...POISON }));
    await writer.append(entry(3, '2025-01-07T02:00:00.000Z'));
    await writer.close();
    expect(await store.db.selectFrom('audit_quarantine').select('seq').execute()).toMatchObject([{ seq: expect.anything() }]);
    return { store, dir, key, keys, archiveDir: join(dir, 'archive') };
  }

  it("art-22: when an archive's quarantine or checkpoint lines are lost between writing and reading it back, then it is refused and nothing is dropped; written whole, it is archived", async () => {
    const { store, key, keys, archiveDir } = await setup();
    const signed = (await store.db.selectFrom('audit_checkpoints').select('seq').where('chain', '=', 'gateway-q').execute()).length;
    expect(signed).toBeGreaterThan(0);
    const losses: Array<[string, string]> = [
      ['{"kind":"quarantined"', '0 quarantined record(s) of chain gateway-q, 1 were written'],
      ['{"kind":"checkpoint"', `0 checkpoint(s) of chain gateway-q, ${signed} were written`],
    ];
    for (const [lost, counts] of losses) {
      fsWatch.beforeRename = (from, to) => {
        if (!to.endsWith('.ndjson.gz')) return;
        const lines = gunzipSync(readFileSync(from)).toString('utf8').split('\n');
        writeFileSync(from, gzipSync(lines.filter((line) => !line.startsWith(lost)).join('\n')));
      };
      await expect(archiveAuditMonth(store.db, '2025-01', { dir: archiveDir, key, keys, now: NOW })).rejects.toThrow(
        `2025-01: the file read back holds ${counts} — the file was not written as read`,
      );
      expect(await listAuditPartitions(store.db, 'audit_records')).toContain('2025-01');
      expect(await store.db.selectFrom('audit_records').select('seq').execute()).toHaveLength(2);
      expect(await store.db.selectFrom('audit_archives').selectAll().execute()).toEqual([]);
    }

    fsWatch.beforeRename = undefined;
    expect(await archiveAuditMonth(store.db, '2025-01', { dir: archiveDir, key, keys, now: NOW })).toMatchObject({ records: 2 });
    expect(await verifyAuditChains(store.db, { keys, now: NOW, archiveDir })).toMatchObject({ ok: true, records: 2, quarantined: [{ seq: 2 }] });
  });
});

describe('`npm run audit:verify -- --archives` given what is not a directory of archives', () => {
  it(
    'when --archives names a file, nothing, an empty or huge path or one with control or bidi characters, then it exits 2 with a clear message; given an empty directory (no archive yet), it verifies the store from each first record',
    { timeout: 180_000 },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'zhoucun-archives-flag-'));
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
      const file = join(dir, 'audit-2025-01.ndjson.gz');
      writeFileSync(file, 'not a directory');
      const location = { dataDir: dir, databaseUrl: undefined };
      const cases: Array<[string, string]> = [
        [file, `--archives ${file}: not a directory`],
        [join(dir, 'nowhere'), `--archives ${join(dir, 'nowhere')}: no such directory`],
        [join(file, 'below-a-file'), `--archives ${join(file, 'below-a-file')}: no such directory`],
        ['', '--archives: empty — a directory is needed'],
        [`/${'x'.repeat(100_000)}`, '--archives: a path of 100001 characters, longer than 4096'],
        [`${dir}/a\u001b[31mb\nc\u0085`, '--archives: the path holds U+001B, a control, format or separator character'],
        [`${dir}/\u202Evig.zg`, '--archives: the path holds U+202E, a control, format or separator character'],
        [`${dir}/a\u200Bb`, '--archives: the path holds U+200B, a control, format or separator character'],
      ];
      for (const [value, message] of cases) {
        const refused = runAuditVerify(location, { args: ['--archives', value] });
        expect(refused.stderr).toBe(`${message}\nUsage: npm run audit:verify [-- --anchors <dir> ...] [--archives <dir>] [--record]\n`);
        expect(refused.status).toBe(2);
      }
      const empty = join(dir, 'archive');
      mkdirSync(empty);
      const verified = runAuditVerify(location, { args: ['--archives', empty] });
      expect(verified.stdout).toContain(`Archives intact: 0 signed month(s) in ${empty}, each chain verified from its first record into the store.`);
      expect(verified.status).toBe(0);
    },
  );
});
