/**
 * Nothing lost: a response leaves the gateway only once its audit record is in the store or in the
 * fsync'ed local spool; spooled records reach the store exactly once when it returns; a crashed
 * gateway's acknowledged requests all have their records; and without store and spool, no data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntry, openAuditWriter } from './support/audit-fixtures.ts';
import { verifyAuditChains } from '../gateway/audit/verify-audit-chain.ts';
import { checkpointLogAnchors, checkpointLogPath, createCheckpointLog, type CheckpointLog } from '../gateway/audit/checkpoint-anchors.ts';
import { auditAnchorDir, auditSpoolPath } from '../gateway/config.ts';
import { demoKeyPath, ensureDemoKeyPair } from '../platform/keys.ts';
import { loadPublicKeySet } from '../platform/key-set.ts';
import { openStore } from '../platform/store/database.ts';
import { migrateToLatest } from '../platform/store/migrate.ts';
import type { Database } from '../platform/store/tables.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { createPostgresDatabase, type TestDatabase } from './support/databases.ts';
import { migratedPgliteTemplate } from './support/pglite-template.ts';
import { proxyPostgres, type TcpProxy } from './support/tcp-proxy.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';

const NAME_QUERY = `{ resident(citizenId: "${DEMO.resident}") { name } }`;

const entry = (i: number) => auditEntry(`r-${i}`);

describe('audit writer', () => {
  async function setup() {
    const dir = mkdtempSync(join(tmpdir(), 'zhoucun-audit-'));
    const signing = await ensureDemoKeyPair(dir, 'audit-signing');
    const keys = await loadPublicKeySet(demoKeyPath(dir, 'audit-signing', 'public-keys'));
    const open = async () => {
      const store = await openStore({ pgliteDir: join(dir, 'pglite'), pgliteTemplate: await migratedPgliteTemplate() });
      await migrateToLatest(store.db);
      const writer = await openAuditWriter(store.db, dir, 'c', { checkpointKey: async () => signing, checkpointEvery: 5 });
      return { store, writer };
    };
    const verify = (db: Kysely<Database>) => verifyAuditChains(db, { keys, anchors: [checkpointLogAnchors(join(dir, 'audit'))] });
    return { dir, verify, open };
  }

  it('when records cross every fifth, then a signed checkpoint is made; rewriting the chain behind a checkpoint is detected', async () => {
    const { verify, open } = await setup();
    const { store, writer } = await open();
    for (let i = 1; i <= 12; i++) await writer.append(entry(i));
    // Checkpoints are signed beside the next records' commits; closing waits for them and signs the tail (12).
    await writer.close();
    expect(await verify(store.db)).toEqual({
      ok: true,
      chains: 1,
      records: 12,
      checkpoints: 3,
      anchored: 3,
      subjectRows: 0,
      quarantined: [],
      archivedMonths: [],
    });

    // A forger who recomputes every hash after changing record 3 still cannot match the signed checkpoint at 5.
    const { hashRecord } = await import('../gateway/audit/audit-codec.ts');
    const rows = await store.db.selectFrom('audit_records').selectAll().orderBy('seq').execute();
    let prev = 'genesis';
    for (const row of rows) {
      const changed = { ...entry(Number(row.seq)), dept: Number(row.seq) === 3 ? 'public-security' : 'civil-affairs', at: new Date(row.at).toISOString() };
      const hash = hashRecord(changed, 'c', Number(row.seq), prev);
      await store.db.updateTable('audit_records').set({ dept: changed.dept, prev_hash: prev, hash }).where('id', '=', row.id).execute();
      prev = hash;
    }
    expect((await verify(store.db)).problem).toBe('chain c, record 5: differs from its signed checkpoint — records up to it were rewritten or removed');
    await store.close();
  });

  it("when signing a checkpoint hangs, then the records after it are still stored and answered, up to a checkpoint's worth, and the checkpoints follow once they can", async () => {
    const { dir, verify } = await setup();
    const store = await openStore({ pgliteDir: join(dir, 'pglite'), pgliteTemplate: await migratedPgliteTemplate() });
    await migrateToLatest(store.db);
    // The anchor log's fsync held (a busy disk): nothing is anchored until it is released.
    const log = createCheckpointLog(checkpointLogPath(join(dir, 'audit'), 'c'));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const anchored: number[] = [];
    const slowLog: CheckpointLog = {
      append: async (checkpoints) => {
        await held;
        await log.append(checkpoints);
        anchored.push(...checkpoints.map((checkpoint) => checkpoint.seq));
      },
      readTail: (maxBytes) => log.readTail(maxBytes),
      close: () => log.close(),
    };
    const writer = await openAuditWriter(store.db, dir, 'c', { checkpointEvery: 5, checkpointLog: slowLog });
    for (let i = 1; i <= 10; i++) await writer.append(entry(i));
    expect(anchored).toEqual([]);
    expect((await store.db.selectFrom('audit_records').select('request_id').orderBy('seq').execute()).map((row) => row.request_id)).toEqual(
      Array.from({ length: 10 }, (_v, i) => `r-${i + 1}`),
    );
    // A checkpoint's worth of records (6–10) waits for the checkpoints: the next record waits for them to catch up.
    let eleventh = false;
    const waiting = writer.append(entry(11)).then(() => (eleventh = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(eleventh).toBe(false);
    release();
    await waiting;
    await writer.close();
    expect(anchored).toEqual([5, 10, 11]);
    expect(await verify(store.db)).toMatchObject({ ok: true, records: 11, checkpoints: 3, anchored: 3 });
    await store.close();
  });

  it('when records after a checkpoint are deleted from the end, then verification says so', async () => {
    const { verify, open } = await setup();
    const { store, writer } = await open();
    for (let i = 1; i <= 7; i++) await writer.append(entry(i));
    await writer.close(); // signs a checkpoint at 7
    await store.db.deleteFrom('audit_records').where('seq', '>', '5').execute();
    expect((await verify(store.db)).problem).toMatch(/covers record 7 but the chain ends at 5/);
    await store.close();
  });

  it('when the store is gone, then records are spooled, and replayed exactly once when a writer starts on it again', async () => {
    const { dir, verify, open } = await setup();
    const first = await open();
    for (let i = 1; i <= 3; i++) await first.writer.append(entry(i));
    await first.store.close();
    await Promise.all([4, 5, 6].map((i) => first.writer.append(entry(i))));
    expect(readFileSync(join(dir, 'spool.ndjson'), 'utf8').trim().split('\n')).toHaveLength(3);
    await first.writer.close();

    const second = await open();
    expect(existsSync(join(dir, 'spool.ndjson'))).toBe(false);
    await second.writer.append(entry(7));
    const ids = (await second.store.db.selectFrom('audit_records').select('request_id').orderBy('seq').execute()).map((r) => r.request_id);
    expect(ids).toEqual(['r-1', 'r-2', 'r-3', 'r-4', 'r-5', 'r-6', 'r-7']);
    expect(await verify(second.store.db)).toMatchObject({ ok: true });
    await second.writer.close();
    await second.store.close();
  });
});

describe('audit when PostgreSQL goes away under load', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let platform: TestPlatform;
  beforeAll(async () => {
    database = await createPostgresDatabase();
    let url: string;
    ({ proxy, url } = await proxyPostgres(database.databaseUrl!));
    platform = await startTestPlatform({ memoryGrants: false, databaseUrl: url, auditChain: 'proxied' });
  });
  afterAll(async () => {
    await proxy?.restore().catch(() => undefined);
    await platform?.close();
    await proxy?.close();
    await database?.drop();
  });

  const wave = async (n: number) => {
    const client = platform.client({ dept: 'civil-affairs', purpose: 'WORK_REFERENCE' });
    const responses = await Promise.all(Array.from({ length: n }, () => client.query(NAME_QUERY)));
    return responses;
  };

  it('when the store is cut mid-load, then answers keep coming, records are spooled, and all reach the store once it is back', async () => {
    const before = await wave(20);
    await proxy.cut();
    const during = await wave(20);
    expect(during.every((r) => r.status === 200 && (r.body.data?.['resident'] as { name: string }).name === '王淑芬')).toBe(true);
    const spool = auditSpoolPath(platform.dataDir, 'proxied');
    expect(readFileSync(spool, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(20);
    await proxy.restore();
    const after = await wave(10);
    const ids = [...before, ...during, ...after].map((r) => r.requestId!);
    await expect.poll(async () => existsSync(spool), { timeout: 10_000 }).toBe(false);
    const counts = await platform.store.db
      .selectFrom('audit_records')
      .select(['request_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('request_id', 'in', ids)
      .groupBy('request_id')
      .execute();
    expect(counts).toHaveLength(ids.length);
    expect(counts.every((c) => Number(c.n) === 1)).toBe(true);
    expect(
      await verifyAuditChains(platform.store.db, { keys: platform.auditKeys, anchors: [checkpointLogAnchors(auditAnchorDir(platform.dataDir))] }),
    ).toMatchObject({ ok: true });
  });

  it('art-19: when neither the store nor the spool can take the record, then the answer is 503 AUDIT_UNAVAILABLE with no data', async () => {
    const spool = auditSpoolPath(platform.dataDir, 'proxied');
    mkdirSync(spool); // a directory where the spool file should be: appends fail
    await proxy.cut();
    try {
      const [response] = await wave(1);
      expect(response!.status).toBe(503);
      expect(response!.body.data).toBeUndefined();
      expect(response!.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['AUDIT_UNAVAILABLE']);
    } finally {
      rmSync(spool, { recursive: true });
      await proxy.restore();
    }
    const [recovered] = await wave(1);
    expect(recovered!.status).toBe(200);
  });
});

describe('audit when the gateway is killed', () => {
  let database: TestDatabase;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await database?.drop();
  });

  async function startChild(dataDir: string): Promise<{ url: string; token: string; child: ChildProcess }> {
    const child = spawn(process.execPath, ['tests/support/platform-child.ts'], {
      cwd: new URL('..', import.meta.url).pathname,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: database.databaseUrl! },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`platform child exited with ${code}`)));
    });
    return { ...(JSON.parse(line) as { url: string; token: string }), child };
  }

  it('when the gateway is SIGKILLed under load, then every response a client received has its record after restart', { timeout: 120_000 }, async () => {
    database = await createPostgresDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'zhoucun-kill-'));
    const { url, token, child } = await startChild(dataDir);
    // Killed once enough responses were acknowledged, while 16 more are in flight: the property does not hang on machine speed.
    const KILL_AFTER = 40;
    const acknowledged: string[] = [];
    let stop = false;
    let enough!: () => void;
    const enoughAcknowledged = new Promise<void>((resolve) => (enough = resolve));
    const loop = async () => {
      while (!stop) {
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-share-purpose': 'WORK_REFERENCE' },
            body: JSON.stringify({ query: NAME_QUERY }),
          });
          const body = (await response.json()) as { data?: { resident?: { name?: string } } };
          if (response.status === 200 && body.data?.resident?.name) acknowledged.push(response.headers.get('x-request-id')!);
          if (acknowledged.length >= KILL_AFTER) enough();
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const loops = Array.from({ length: 16 }, loop);
    const deadline = new Promise<'deadline'>((resolve) => setTimeout(resolve, 45_000, 'deadline').unref());
    const reached = await Promise.race([enoughAcknowledged.then(() => 'enough' as const), deadline]);
    child.kill('SIGKILL');
    stop = true;
    await Promise.all(loops);
    expect(reached).toBe('enough');
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);

    const restarted = await startChild(dataDir);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.databaseUrl! }) }) });
    try {
      const found = await db.selectFrom('audit_records').select('request_id').where('request_id', 'in', acknowledged).execute();
      expect(new Set(found.map((r) => r.request_id)).size).toBe(acknowledged.length);
      // The restarted gateway signed the tail the crash left; the checkpoints match the anchor log, at the promised cadence.
      const keys = await loadPublicKeySet(demoKeyPath(dataDir, 'audit-signing', 'public-keys'));
      const anchors = [checkpointLogAnchors(auditAnchorDir(dataDir))];
      const later = new Date(Date.now() + 10 * 60_000);
      expect(await verifyAuditChains(db, { keys, anchors, now: later })).toMatchObject({ ok: true, chains: 1 });
      const { rows } = await sql<{ n: string }>`select count(*) as n from audit_records`.execute(db);
      expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      restarted.child.kill('SIGKILL');
      await db.destroy();
    }
  });
});
