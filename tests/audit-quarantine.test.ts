/**
 * An audit trail that cannot be poisoned, on PGlite and on real PostgreSQL: a record the store refuses
 * for its content is quarantined (in the store, else in a local fsync'ed file) with an alert, never
 * blocks the records after it — live, in spool replay, or after a restart — and keeps its place in a
 * chain that verification accepts only while the quarantined JSON hashes to it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it, onTestFinished } from 'vitest';
import { auditEntry, openAuditWriter } from './support/audit-fixtures.ts';
import { AuditUnavailableError, type AuditAlert } from '../gateway/audit/audit-writer.ts';
import { checkpointLogAnchors } from '../gateway/audit/checkpoint-anchors.ts';
import { verifyAuditChains } from '../gateway/audit/verify-audit-chain.ts';
import { loadPublicKeySet } from '../platform/key-set.ts';
import { demoKeyPath, ensureDemoKeyPair } from '../platform/keys.ts';
import { createGatewayMetrics } from '../gateway/observe/gateway-metrics.ts';
import { auditReadiness } from '../gateway/readiness.ts';
import { openStore } from '../platform/store/database.ts';
import { migrateToLatest } from '../platform/store/migrate.ts';
import { changeClosedStore, runAuditVerify } from './support/audit-verify-command.ts';
import { STORE_BACKENDS } from './support/databases.ts';
import { migratedPgliteTemplate } from './support/pglite-template.ts';

const entry = auditEntry;
/** Content PostgreSQL and PGlite refuse (SQLSTATE 22021): a NUL in a text column. */
const POISON = { matter: 'a\u0000b' };

describe.each(STORE_BACKENDS)('audit quarantine on %s', (_backend, createDatabase) => {
  async function setup() {
    const database = await createDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'zhoucun-quarantine-'));
    await ensureDemoKeyPair(dir, 'audit-signing');
    const alerts: AuditAlert[] = [];
    const openDb = async () => {
      const store = await openStore({ databaseUrl: database.databaseUrl, pgliteDir: join(dir, 'pglite'), pgliteTemplate: await migratedPgliteTemplate() });
      await migrateToLatest(store.db);
      return store;
    };
    const open = async (store: Awaited<ReturnType<typeof openDb>>) => {
      const writer = await openAuditWriter(store.db, dir, 'c', { checkpointEvery: 25 });
      writer.onAlert((alert) => alerts.push(alert));
      return writer;
    };
    const storedIds = async (store: Awaited<ReturnType<typeof openDb>>) =>
      (await store.db.selectFrom('audit_records').select('request_id').orderBy('seq').execute()).map((r) => r.request_id);
    const cleanup = async () => {
      rmSync(dir, { recursive: true, force: true });
      await database.drop();
    };
    const verify = async (db: Awaited<ReturnType<typeof openDb>>['db']) =>
      verifyAuditChains(db, {
        keys: await loadPublicKeySet(demoKeyPath(dir, 'audit-signing', 'public-keys')),
        anchors: [checkpointLogAnchors(join(dir, 'audit'))],
      });
    return { dir, database, alerts, openDb, open, verify, storedIds, cleanup };
  }

  it('when the store refuses a record for its content, then it is quarantined with an alert and the 100 records after it all reach the store', async () => {
    const { verify, alerts, openDb, open, storedIds, cleanup } = await setup();
    const store = await openDb();
    const writer = await open(store);
    // Sent together, so the poisoned record shares its group-commit transaction with ordinary ones.
    const ordinary = Array.from({ length: 100 }, (_, i) => `r-${i}`);
    await Promise.all([writer.append(entry('poison', POISON)), ...ordinary.map((id) => writer.append(entry(id)))]);
    await writer.append(entry('lone-surrogate', { operationName: 'Q\ud800' }));
    expect(await storedIds(store)).toEqual(ordinary);
    const held = (await store.db.selectFrom('audit_quarantine').select(['seq', 'reason']).orderBy('seq').execute()).map((row) => ({
      ...row,
      seq: Number(row.seq),
    }));
    expect(held).toEqual([
      { seq: 1, reason: expect.stringMatching(/^SQLSTATE 22021: invalid byte sequence for encoding "UTF8": 0x00/) },
      { seq: 102, reason: 'holds text that is not well-formed Unicode: the store would alter it' },
    ]);
    expect(alerts).toEqual([
      { kind: 'quarantined', chain: 'c', seq: 1, reason: held[0]!.reason, where: 'store' },
      { kind: 'quarantined', chain: 'c', seq: 102, reason: held[1]!.reason, where: 'store' },
    ]);
    expect(writer.state().quarantine).toMatchObject({ count: 2, inFile: 0, last: { seq: 102 } });
    const metrics = createGatewayMetrics();
    metrics.watchAudit(writer);
    expect(await metrics.registry.getSingleMetricAsString('zhoucun_gateway_audit_quarantined_records_total')).toMatch(
      /^zhoucun_gateway_audit_quarantined_records_total 2$/m,
    );
    await writer.close();
    const report = await verify(store.db);
    expect(report).toMatchObject({
      ok: true,
      chains: 1,
      records: 100,
      quarantined: [
        { chain: 'c', seq: 1 },
        { chain: 'c', seq: 102 },
      ],
    });
    await store.close();
    await cleanup();
  });

  it('when a refused record already waits in the spool, then a writer restarted on it quarantines it, replays the rest, and 100 later records reach the store', async () => {
    const { dir, verify, openDb, open, storedIds, cleanup } = await setup();
    const first = await openDb();
    const writer = await open(first);
    await writer.append(entry('before'));
    await first.close(); // the store is gone: what follows is spooled, the refused record among the others
    await writer.append(entry('spooled-1'));
    await writer.append(entry('poison', POISON));
    await writer.append(entry('spooled-2'));
    expect(readFileSync(join(dir, 'spool.ndjson'), 'utf8').trim().split('\n')).toHaveLength(3);
    expect(writer.state().spool).toMatchObject({ waiting: 3 });
    await writer.close();

    const second = await openDb();
    const restarted = await open(second);
    expect(restarted.state().spool).toEqual({ waiting: 0, oldestAt: undefined });
    const later = Array.from({ length: 100 }, (_, i) => `later-${i}`);
    await Promise.all(later.map((id) => restarted.append(entry(id))));
    expect(await storedIds(second)).toEqual(['before', 'spooled-1', 'spooled-2', ...later]);
    await restarted.close();

    // And once more on the same (now empty) spool: the chain goes on after the quarantined record.
    const third = await open(second);
    await third.append(entry('after-restart'));
    await third.close();
    expect((await storedIds(second)).at(-1)).toBe('after-restart');
    expect(await verify(second.db)).toMatchObject({ ok: true, records: 104, quarantined: [{ seq: 3 }] });
    await second.close();
    await cleanup();
  });

  it('when the quarantined JSON is altered, then verification fails naming the quarantined record; restored, it passes', async () => {
    const { verify, openDb, open, cleanup } = await setup();
    const store = await openDb();
    const writer = await open(store);
    for (const id of ['r-1', 'poison', 'r-3']) await writer.append(entry(id, id === 'poison' ? POISON : {}));
    await writer.close();
    const held = await store.db.selectFrom('audit_quarantine').selectAll().executeTakeFirstOrThrow();
    expect(JSON.parse(held.record)).toMatchObject({ requestId: 'poison', matter: 'a\u0000b', seq: 2 });

    await store.db
      .updateTable('audit_quarantine')
      .set({ record: held.record.replace('"dept":"civil-affairs"', '"dept":"public-security"') })
      .where('id', '=', held.id)
      .execute();
    expect((await verify(store.db)).problem).toBe(
      `chain c, record 2 (quarantined, row id ${held.id}): its quarantined JSON does not match its hash — the quarantined record was changed`,
    );
    await store.db.updateTable('audit_quarantine').set({ record: held.record }).where('id', '=', held.id).execute();
    expect((await verify(store.db)).ok).toBe(true);

    await store.db.deleteFrom('audit_quarantine').execute();
    expect((await verify(store.db)).problem).toMatch(/record 3 \(row id \d+\): expected record 2 next/);
    await store.close();
    await cleanup();
  });

  it('when `npm run audit:verify` meets a quarantined record, then it lists it and passes; altered, it exits 1 naming it', { timeout: 180_000 }, async () => {
    // Slow by nature: two Node processes that each open the store, which this test closes first (PGlite is one process's at a time).
    const { dir, database, openDb, open, cleanup } = await setup();
    onTestFinished(cleanup);
    const store = await openDb();
    const writer = await open(store);
    for (const id of ['r-1', 'poison', 'r-3']) await writer.append(entry(id, id === 'poison' ? POISON : {}));
    await writer.close();
    await store.close();
    const location = { dataDir: dir, databaseUrl: database.databaseUrl };

    const intact = runAuditVerify(location);
    expect(intact.stdout).toMatch(
      /^Audit trail intact: 2 records in 1 chain\(s\), 1 signed checkpoint\(s\) verified, 1 of them anchored in [^\n]*\.\n1 quarantined record\(s\), each matching its place in the chain .*\n {2}chain c, record 2, quarantined \S+: SQLSTATE 22021: invalid byte sequence/,
    );
    expect(intact.status).toBe(0);
    await changeClosedStore(location, async (db) => {
      const held = await db.selectFrom('audit_quarantine').selectAll().executeTakeFirstOrThrow();
      await db
        .updateTable('audit_quarantine')
        .set({ record: held.record.replace('"outcome":"SERVED"', '"outcome":"REFUSED"') })
        .where('id', '=', held.id)
        .execute();
    });
    const broken = runAuditVerify(location);
    expect(broken.stderr).toMatch(/chain c, record 2 \(quarantined, row id \d+\): its quarantined JSON does not match its hash/);
    expect(broken.status).toBe(1);
  });

  it("when the store takes neither the record nor its quarantine row, then it waits in the fsync'ed quarantine file and moves into the store once it can", async () => {
    const { dir, verify, alerts, openDb, open, cleanup } = await setup();
    const store = await openDb();
    const writer = await open(store);
    await sql`alter table audit_quarantine rename to audit_quarantine_away`.execute(store.db);
    await writer.append(entry('poison', POISON));
    await writer.append(entry('r-2'));
    expect(JSON.parse(readFileSync(join(dir, 'quarantine.ndjson'), 'utf8'))).toMatchObject({
      record: { seq: 1, matter: 'a\u0000b' },
      reason: expect.stringMatching(/^SQLSTATE 22021/),
    });
    expect(alerts).toMatchObject([{ kind: 'quarantined', seq: 1, where: 'file' }]);
    expect(writer.state().quarantine).toMatchObject({ count: 1, inFile: 1 });

    await sql`alter table audit_quarantine_away rename to audit_quarantine`.execute(store.db);
    await expect.poll(() => writer.state().quarantine.inFile, { timeout: 10_000 }).toBe(0);
    await writer.close();
    expect(await verify(store.db)).toMatchObject({ ok: true, records: 1, quarantined: [{ seq: 1 }] });
    await store.close();
    await cleanup();
  });

  it('art-19: when neither the store, its quarantine, the quarantine file nor the spool can hold a refused record, then it is not acknowledged', async () => {
    const { dir, openDb, open, storedIds, cleanup } = await setup();
    const store = await openDb();
    const writer = await open(store);
    await sql`alter table audit_quarantine rename to audit_quarantine_away`.execute(store.db);
    mkdirSync(join(dir, 'quarantine.ndjson'));
    mkdirSync(join(dir, 'spool.ndjson'));
    await expect(writer.append(entry('poison', POISON))).rejects.toBeInstanceOf(AuditUnavailableError);
    await writer.append(entry('r-2'));
    expect(await storedIds(store)).toEqual(['r-2']);
    await writer.close();
    await store.close();
    await cleanup();
  });

  it('when spooled records wait longer than the bound, then readiness says the spool is not draining', async () => {
    const { openDb, open, cleanup } = await setup();
    const store = await openDb();
    const writer = await open(store);
    await store.close();
    await writer.append(entry('spooled'));
    const oldestAt = Date.parse(writer.state().spool.oldestAt!);
    expect(auditReadiness({ state: writer.state, maxSpoolAgeMs: 60_000 }, oldestAt + 1_000)).toMatchObject({
      ready: true,
      spool: { waiting: 1, oldestAgeSeconds: 1, draining: true },
    });
    expect(auditReadiness({ state: writer.state, maxSpoolAgeMs: 60_000 }, oldestAt + 61_000)).toMatchObject({
      ready: false,
      spool: { waiting: 1, oldestAgeSeconds: 61, draining: false },
      problem: '1 audit record(s) have waited in the local spool for more than 60 s: the store is not taking them',
    });
    await writer.close();
    await cleanup();
  });
});
