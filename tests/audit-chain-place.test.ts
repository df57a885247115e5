/**
 * One record per place in a chain, on PGlite and on real PostgreSQL (migration 0020): every
 * `audit_records` partition, DEFAULT included and those made later, refuses a second record for a
 * (chain, seq); a writer whose live record meets one stops serving (a second gateway on its chain
 * name), a spool replay of a record already stored is still no error, and spooled records whose
 * places another writer took (at another time, or at the very same millisecond) are quarantined,
 * never lost, and stop the writer as a live record does.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it, onTestFinished } from 'vitest';
import { AuditChainTakenError, AuditUnavailableError, type AuditAlert, type AuditWriterOptions, type AuditWriterState } from '../gateway/audit/audit-writer.ts';
import { checkpointLogAnchors } from '../gateway/audit/checkpoint-anchors.ts';
import { insertAuditGroup } from '../gateway/audit/store-audit-records.ts';
import { verifyAuditChains } from '../gateway/audit/verify-audit-chain.ts';
import { createGatewayMetrics } from '../gateway/observe/gateway-metrics.ts';
import { auditReadiness } from '../gateway/readiness.ts';
import { loadPublicKeySet } from '../platform/key-set.ts';
import { demoKeyPath, ensureDemoKeyPair } from '../platform/keys.ts';
import { ensureAuditPartitions, listAuditPartitions, partitionName } from '../platform/store/audit-partitions.ts';
import { openStore } from '../platform/store/database.ts';
import { migrateToLatest } from '../platform/store/migrate.ts';
import * as chainPlace from '../platform/store/migrations/0020-audit-chain-place.ts';
import type { Database } from '../platform/store/tables.ts';
import { auditEntry, openAuditWriter } from './support/audit-fixtures.ts';
import { STORE_BACKENDS } from './support/databases.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { migratedPgliteTemplate } from './support/pglite-template.ts';

const NAME_QUERY = `{ resident(citizenId: "${DEMO.resident}") { name } }`;

/** Record times a second apart: two writers never meet on (chain, seq, at) by chance. */
const at = (second: number) => new Date(Date.UTC(2026, 10, 20, 2, 0, second)).toISOString();
const entry = (id: string, second: number) => auditEntry(id, { at: at(second) });

describe.each(STORE_BACKENDS)('audit chain places on %s', (backend, createDatabase) => {
  async function setup() {
    const database = await createDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'zhoucun-chain-place-'));
    const key = await ensureDemoKeyPair(dir, 'audit-signing');
    const opened: Array<{ close(): Promise<void> }> = [];
    onTestFinished(async () => {
      for (const one of opened.reverse()) await one.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
      await database.drop();
    });
    const openDb = async () => {
      const store = await openStore({ databaseUrl: database.databaseUrl, pgliteDir: join(dir, 'pglite'), pgliteTemplate: await migratedPgliteTemplate() });
      await migrateToLatest(store.db);
      // The month of the records' times has its partition, whenever the test runs.
      await ensureAuditPartitions(store.db, { now: new Date(at(0)), ahead: 0 });
      opened.push(store);
      return store;
    };
    /** A writer of chain `c` whose spool and files live in `dir/<name>`, with the alerts it raised. */
    const openWriter = async (db: Kysely<Database>, name: string, options: Partial<AuditWriterOptions> = {}) => {
      mkdirSync(join(dir, name), { recursive: true });
      const writer = await openAuditWriter(db, join(dir, name), 'c', { checkpointKey: async () => key, ...options });
      const alerts: AuditAlert[] = [];
      writer.onAlert((alert) => alerts.push(alert));
      opened.push(writer);
      return Object.assign(writer, { alerts });
    };
    const storedIds = async (db: Kysely<Database>) =>
      (await db.selectFrom('audit_records').select(['seq', 'request_id']).orderBy('seq').orderBy('id').execute()).map((r) => `${r.seq}:${r.request_id}`);
    const verify = async (db: Kysely<Database>, writer = 'a') =>
      verifyAuditChains(db, {
        keys: await loadPublicKeySet(demoKeyPath(dir, 'audit-signing', 'public-keys')),
        anchors: [checkpointLogAnchors(join(dir, writer, 'audit'))],
      });
    return { dir, openDb, openWriter, storedIds, verify };
  }

  const chainPlaceIndexes = async (db: Kysely<Database>) =>
    (
      await sql<{ tablename: string; indexdef: string }>`
        select tablename, indexdef from pg_indexes where schemaname = current_schema() and indexname like 'audit_records%chain_place' order by tablename`.execute(
        db,
      )
    ).rows;

  it('art-19: when the store is migrated, then every audit_records partition, DEFAULT included, has a unique (chain, seq) index, and so has a partition made later', async () => {
    const { openDb, openWriter } = await setup();
    const { db } = await openDb();
    const partitions = (await listAuditPartitions(db, 'audit_records')).map((month) => partitionName('audit_records', month));
    const indexes = await chainPlaceIndexes(db);
    expect(indexes.map((index) => index.tablename)).toEqual(['audit_records_default', ...partitions].sort());
    for (const { indexdef } of indexes) expect(indexdef).toMatch(/^CREATE UNIQUE INDEX \S+ ON \S+ USING btree \(chain, seq\)$/);

    expect(await ensureAuditPartitions(db, { now: new Date('2031-06-15T00:00:00.000Z'), ahead: 0 })).toContain('audit_records_y2031m06');
    expect((await chainPlaceIndexes(db)).find((index) => index.tablename === 'audit_records_y2031m06')?.indexdef).toMatch(
      /^CREATE UNIQUE INDEX \S+ ON \S+ USING btree \(chain, seq\)$/,
    );
    // A month without a partition lands in DEFAULT, which refuses a second record for a place as well.
    const a = await openWriter(db, 'a');
    const b = await openWriter(db, 'b');
    await a.append(auditEntry('a-1', { at: '2040-01-01T00:00:00.000Z' }));
    await expect(b.append(auditEntry('b-1', { at: '2040-01-01T00:00:01.000Z' }))).rejects.toBeInstanceOf(AuditChainTakenError);
    expect((await sql<{ request_id: string }>`select request_id from audit_records_default`.execute(db)).rows).toEqual([{ request_id: 'a-1' }]);
  });

  it('art-19: when a second writer stores on the same chain name with another time, then it refuses that request and every later one, is unready, and alerts', async () => {
    const { openDb, openWriter, storedIds, verify, dir } = await setup();
    const { db } = await openDb();
    // Both start on the empty chain, as two gateways given one AUDIT_CHAIN do.
    const a = await openWriter(db, 'a');
    const b = await openWriter(db, 'b');
    await a.append(entry('a-1', 1));
    const refused = b.append(entry('b-1', 2));
    await expect(refused).rejects.toBeInstanceOf(AuditChainTakenError);
    await expect(refused).rejects.toBeInstanceOf(AuditUnavailableError);
    await expect(refused).rejects.toThrow('Another writer stored a record at place 1 of audit chain c: every gateway instance needs an AUDIT_CHAIN of its own');
    expect(b.alerts).toEqual([{ kind: 'chain-taken', chain: 'c', seq: 1, error: expect.any(Error) }]);
    expect(b.state().chainTaken).toEqual({ seq: 1, at: expect.any(String), problem: expect.stringContaining('place 1 of audit chain c') });
    expect(auditReadiness({ state: b.state }, Date.now())).toMatchObject({
      ready: false,
      problem: expect.stringMatching(/AUDIT_CHAIN of its own; this instance refuses every request until it is restarted$/),
    });

    const metrics = createGatewayMetrics();
    metrics.watchAudit(b);
    expect(await metrics.registry.getSingleMetricAsString('zhoucun_gateway_audit_chain_taken')).toMatch(/^zhoucun_gateway_audit_chain_taken 1$/m);

    // Fails closed: nothing more is served, nor spooled to meet the same place again.
    await expect(b.append(entry('b-2', 3))).rejects.toBeInstanceOf(AuditChainTakenError);
    expect(b.state().spool.waiting).toBe(0);
    expect(() => readFileSync(join(dir, 'b', 'spool.ndjson'))).toThrow(/ENOENT/);
    await a.append(entry('a-2', 4));
    expect(await storedIds(db)).toEqual(['1:a-1', '2:a-2']);
    expect(a.alerts).toEqual([]);
    await a.close();
    expect(await verify(db)).toMatchObject({ ok: true, records: 2 });
  });

  it('art-19: when a second writer stores on the same chain name at the very same time, then its record is not taken for a replay: it refuses that request', async () => {
    const { openDb, openWriter, storedIds } = await setup();
    const { db } = await openDb();
    const a = await openWriter(db, 'a');
    const b = await openWriter(db, 'b');
    await a.append(entry('a-1', 1));
    await expect(b.append(entry('b-1', 1))).rejects.toThrow('Another writer stored a record at place 1 of audit chain c');
    expect(b.state().chainTaken).toMatchObject({ seq: 1 });
    expect(await storedIds(db)).toEqual(['1:a-1']);
  });

  // Two gateways share one store only on a server: an embedded store is one process's.
  if (backend === 'PostgreSQL')
    it(
      'art-19: when two gateways are given one AUDIT_CHAIN, then the one meeting the other answers 503 AUDIT_UNAVAILABLE without data, logs it and is unready',
      { timeout: 120_000 },
      async () => {
        const database = await createDatabase();
        const logLines: Array<Record<string, unknown>> = [];
        const first = await startTestPlatform({ databaseUrl: database.databaseUrl!, auditChain: 'shared' });
        const second = await startTestPlatform({ databaseUrl: database.databaseUrl!, auditChain: 'shared', logLines });
        onTestFinished(async () => {
          await second.close();
          await first.close();
          await database.drop();
        });
        const ask = (platform: TestPlatform) => platform.client({ dept: 'civil-affairs', purpose: 'WORK_REFERENCE' }).query(NAME_QUERY);
        // Both started on the empty chain: both put their first record at place 1.
        expect((await ask(first)).status).toBe(200);
        const refused = await ask(second);
        expect(refused.status).toBe(503);
        expect(refused.body.data).toBeUndefined();
        expect(refused.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['AUDIT_UNAVAILABLE']);
        expect((await ask(second)).status).toBe(503);
        expect((await ask(first)).status).toBe(200);
        const readiness = await fetch(new URL('/readyz', second.gatewayUrl));
        expect(readiness.status).toBe(503);
        expect(((await readiness.json()) as { audit: { problem: string } }).audit.problem).toMatch(
          /^Another writer stored a record at place 1 of audit chain shared: .*; this instance refuses every request until it is restarted$/,
        );
        expect(logLines).toContainEqual(
          expect.objectContaining({ level: 60, chain: 'shared', seq: 1, msg: expect.stringMatching(/^another writer stores records on this audit chain/) }),
        );
        const stored = await first.store.db.selectFrom('audit_records').select('seq').orderBy('seq').execute();
        expect(stored.map((row) => Number(row.seq))).toEqual([1, 2]);
      },
    );

  it('when a spooled record is replayed after the store already took it, then nothing is stored twice and nothing is refused', async () => {
    const { dir, openDb, openWriter, storedIds, verify } = await setup();
    const first = await openDb();
    const writer = await openWriter(first.db, 'a');
    await writer.append(entry('r-1', 1));
    await first.close();
    await Promise.all([writer.append(entry('r-2', 2)), writer.append(entry('r-3', 3))]);
    const spoolPath = join(dir, 'a', 'spool.ndjson');
    const spooled = readFileSync(spoolPath, 'utf8');
    expect(spooled.trim().split('\n')).toHaveLength(2);
    await writer.close();

    const second = await openDb();
    const replaying = await openWriter(second.db, 'a');
    expect(await storedIds(second.db)).toEqual(['1:r-1', '2:r-2', '3:r-3']);
    await replaying.close();
    // A crash after the store took the records and before the spool was emptied: the same spool again.
    writeFileSync(spoolPath, spooled);
    const again = await openWriter(second.db, 'a');
    await again.append(entry('r-4', 4));
    expect(await storedIds(second.db)).toEqual(['1:r-1', '2:r-2', '3:r-3', '4:r-4']);
    expect([...replaying.alerts, ...again.alerts]).toEqual([]);
    expect(again.state()).toMatchObject({ spool: { waiting: 0 }, quarantine: { count: 0 }, chainTaken: undefined });
    expect(await second.db.selectFrom('audit_quarantine').select('seq').execute()).toEqual([]);
    await again.close();
    expect(await verify(second.db)).toMatchObject({ ok: true, records: 4 });
  });

  /** What a writer whose spooled record met another writer's record must show: quarantined, kept, stopped, unready. */
  const expectStoppedAfterReplay = async (db: Kysely<Database>, writer: { state: () => AuditWriterState }) => {
    expect(
      (await db.selectFrom('audit_quarantine').select(['seq', 'record']).execute()).map((row) => [Number(row.seq), JSON.parse(row.record).requestId]),
    ).toEqual([[1, 'b-1']]);
    expect(writer.state()).toMatchObject({
      spool: { waiting: 0 },
      quarantine: { count: 1 },
      chainTaken: { seq: 1, problem: expect.stringContaining('place 1 of audit chain c') },
    });
    expect(auditReadiness(writer, Date.now())).toMatchObject({
      ready: false,
      problem: expect.stringMatching(/AUDIT_CHAIN of its own; this instance refuses every request until it is restarted$/),
    });
  };

  it('art-19: when spooled records meet places another writer took meanwhile, then they are quarantined with an alert, not lost, and the writer stops serving', async () => {
    const { openDb, openWriter, storedIds, verify } = await setup();
    const first = await openDb();
    const b = await openWriter(first.db, 'b');
    await first.close();
    await b.append(entry('b-1', 5)); // answered: the record is in b's spool
    await b.close();

    const second = await openDb();
    const a = await openWriter(second.db, 'a');
    await a.append(entry('a-1', 1));
    await a.close();
    const restarted = await openWriter(second.db, 'b');
    expect(restarted.alerts).toEqual([
      { kind: 'quarantined', chain: 'c', seq: 1, reason: expect.stringMatching(/^SQLSTATE 23505: /), where: 'store' },
      { kind: 'chain-taken', chain: 'c', seq: 1, error: expect.any(Error) },
    ]);
    await expectStoppedAfterReplay(second.db, restarted);
    await expect(restarted.append(entry('b-2', 6))).rejects.toBeInstanceOf(AuditChainTakenError);
    expect(await storedIds(second.db)).toEqual(['1:a-1']);
    // audit:verify names the place held twice: a's record stored, b's quarantined.
    expect(await verify(second.db)).toMatchObject({ ok: false, problem: expect.stringMatching(/^chain c, record 1 \(.*\): is both stored and quarantined/) });
  });

  it("art-19: when a spooled record meets another writer's record at its place and the very same millisecond, then it is not taken for itself: it is quarantined and the writer stops serving", async () => {
    const { openDb, openWriter, storedIds } = await setup();
    const first = await openDb();
    const b = await openWriter(first.db, 'b');
    await first.close();
    await b.append(entry('b-1', 1));
    await b.close();

    const second = await openDb();
    const a = await openWriter(second.db, 'a');
    await a.append(entry('a-1', 1)); // the same chain, place and time: on conflict (chain, seq, at) skips b-1
    await a.close();
    const restarted = await openWriter(second.db, 'b');
    expect(restarted.alerts).toEqual([
      {
        kind: 'quarantined',
        chain: 'c',
        seq: 1,
        reason: expect.stringMatching(/^another record \(another hash\) holds place 1 of audit chain c at the same time/),
        where: 'store',
      },
      { kind: 'chain-taken', chain: 'c', seq: 1, error: expect.any(Error) },
    ]);
    await expectStoppedAfterReplay(second.db, restarted);
    await expect(restarted.append(entry('b-2', 2))).rejects.toThrow('Another writer stored a record at place 1 of audit chain c');
    expect(await storedIds(second.db)).toEqual(['1:a-1']);
  });

  it("art-19: when the store returns and the spool replay before a live group meets another writer's record, then the live group is refused, not stored on the shared chain", async () => {
    const { openDb, openWriter, storedIds } = await setup();
    const { db } = await openDb();
    let away = true;
    const b = await openWriter(db, 'b', {
      insertGroup: (on, records) =>
        away ? Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })) : insertAuditGroup(on, records),
    });
    await b.append(entry('b-1', 5)); // answered from the spool
    expect(b.state().spool.waiting).toBe(1);
    const a = await openWriter(db, 'a');
    await a.append(entry('a-1', 1));
    away = false;
    await expect(b.append(entry('b-2', 6))).rejects.toBeInstanceOf(AuditChainTakenError);
    expect(b.alerts.map((alert) => alert.kind)).toEqual(['spooling', 'quarantined', 'chain-taken']);
    await expectStoppedAfterReplay(db, b);
    expect(await storedIds(db)).toEqual(['1:a-1']);
    await expect(b.append(entry('b-3', 7))).rejects.toBeInstanceOf(AuditChainTakenError);
  });

  it('when a partition already holds two records for one place, then migration 0020 keeps both and refuses a third', async () => {
    const { openDb, openWriter, storedIds, verify } = await setup();
    const { db } = await openDb();
    await chainPlace.down(db);
    const [a, b, c] = [await openWriter(db, 'a'), await openWriter(db, 'b'), await openWriter(db, 'c')];
    await a.append(entry('a-1', 1));
    await b.append(entry('b-1', 2)); // stored: nothing but (chain, seq, at) guards it yet
    await chainPlace.up(db);
    const month = partitionName('audit_records', '2026-11');
    expect((await chainPlaceIndexes(db)).find((index) => index.tablename === month)?.indexdef).toMatch(
      /^CREATE UNIQUE INDEX \S+ ON \S+ USING btree \(chain, seq\) WHERE \(id <> ALL \('\{\d+\}'::bigint\[\]\)\)$/,
    );
    await expect(c.append(entry('c-1', 3))).rejects.toBeInstanceOf(AuditChainTakenError);
    expect(await storedIds(db)).toEqual(['1:a-1', '1:b-1']);
    // audit:verify still names the pair (a place held twice, or the checkpoint signed over the other fork).
    expect(await verify(db)).toMatchObject({ ok: false, problem: expect.stringMatching(/^chain c, (checkpoint at )?record 1\b/) });
  });
});
