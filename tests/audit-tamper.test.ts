/**
 * Tamper evidence against whoever administers the database, on PGlite and on real PostgreSQL: he
 * can rewrite records and recompute every hash, and delete rows, but holds neither the audit key
 * nor the checkpoint copies outside the store. Checkpoints at the promised cadence, anchored in an
 * fsync'ed log (and Redis), signed with a key of their own that rotates without breaking history.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type AuditWriterOptions } from '../gateway/audit/audit-writer.ts';
import { hashRecord } from '../gateway/audit/audit-codec.ts';
import { GENESIS_HASH, listSubjects, type AuditEntry } from '../gateway/audit/audit-record.ts';
import { auditEntry, openAuditWriter } from './support/audit-fixtures.ts';
import { checkpointLogAnchors, createRedisCheckpointPublisher, redisCheckpointAnchors } from '../gateway/audit/checkpoint-anchors.ts';
import { verifyAuditChains, type VerifyAuditOptions } from '../gateway/audit/verify-audit-chain.ts';
import { closeRedis, connectRedis } from '../gateway/cache/redis-connection.ts';
import { demoKeyPath, ensureDemoKeyPair, rotateKeyPair } from '../platform/keys.ts';
import { loadPublicKeySet, publicKeySetOf } from '../platform/key-set.ts';
import type { Store } from '../platform/store/database.ts';
import { migrateToLatest } from '../platform/store/migrate.ts';
import { changeClosedStore, runAuditVerify } from './support/audit-verify-command.ts';
import { openMigratedStore, STORE_BACKENDS, type TestDatabase } from './support/databases.ts';

const MINUTE = 60_000;

const entry = (i: number, at: number = Date.now()) => auditEntry(`r-${i}`, { at: new Date(at).toISOString() });

describe.each(STORE_BACKENDS)('audit tamper evidence on %s', (_backend, createDatabase) => {
  let database: TestDatabase;
  let store: Store;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => void ({ database, store, close } = await openMigratedStore(createDatabase)));
  afterAll(() => close?.());

  /** One chain of its own, its key in a data directory, its anchor log; removed from the store afterwards. */
  async function setup(options: Partial<AuditWriterOptions> = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'zhoucun-tamper-'));
    const chain = `chain-${randomBytes(4).toString('hex')}`;
    onTestFinished(async () => {
      await store.db.deleteFrom('audit_checkpoints').where('chain', '=', chain).execute();
      await store.db.deleteFrom('audit_records').where('chain', '=', chain).execute();
      rmSync(dir, { recursive: true, force: true });
    });
    await ensureDemoKeyPair(dir, 'audit-signing');
    const anchorDir = join(dir, 'audit');
    const open = (overrides: Partial<AuditWriterOptions> = {}) => openAuditWriter(store.db, dir, chain, { checkpointEvery: 5, ...options, ...overrides });
    const keys = () => loadPublicKeySet(demoKeyPath(dir, 'audit-signing', 'public-keys'));
    // A deleted checkpoint row is awaited briefly (it could be committing) before it is named.
    const verify = async (extra: Partial<VerifyAuditOptions> = {}) =>
      verifyAuditChains(store.db, { keys: await keys(), anchors: [checkpointLogAnchors(anchorDir)], inFlightWaitMs: 200, ...extra });
    const checkpointsOf = async () =>
      (await store.db.selectFrom('audit_checkpoints').select(['seq', 'key_id']).where('chain', '=', chain).orderBy('seq').execute()).map((row) => ({
        seq: Number(row.seq),
        keyId: row.key_id,
      }));
    return { dir, chain, open, verify, keys, checkpointsOf };
  }

  /** What the database administrator can do: change a record and recompute every hash after it. */
  async function rewriteChain(chain: string, seq: number, dept: string) {
    const rows = await store.db.selectFrom('audit_records').selectAll().where('chain', '=', chain).orderBy('seq').execute();
    let prev = GENESIS_HASH;
    for (const row of rows) {
      const changed: AuditEntry = {
        ...entry(Number(row.seq)),
        requestId: row.request_id,
        at: new Date(row.at).toISOString(),
        dept: Number(row.seq) === seq ? dept : row.dept,
      };
      const hash = hashRecord(changed, chain, Number(row.seq), prev);
      await store.db.updateTable('audit_records').set({ dept: changed.dept, prev_hash: prev, hash }).where('id', '=', row.id).execute();
      prev = hash;
    }
  }

  it('when the database administrator rewrites a record, recomputes every hash and deletes every checkpoint, then verification names the records no checkpoint covers, and the anchor log names the deleted checkpoints', async () => {
    const { chain, open, verify } = await setup();
    const writer = await open();
    for (let i = 1; i <= 12; i++) await writer.append(entry(i));
    await writer.close();
    expect(await verify()).toMatchObject({ ok: true, records: 12, checkpoints: 3, anchored: 3 });

    await rewriteChain(chain, 3, 'public-security');
    await store.db.deleteFrom('audit_checkpoints').where('chain', '=', chain).execute();
    const later = new Date(Date.now() + 10 * MINUTE);
    expect((await verify({ anchors: [], now: later })).problem).toMatch(
      new RegExp(`^chain ${chain}: records 1–12 \\(\\S+ to \\S+\\): no signed checkpoint covers them`),
    );
    expect((await verify()).problem).toMatch(
      new RegExp(`^chain ${chain}, checkpoint at record 5 \\(signed \\S+, in the checkpoint log in .+\\): missing from the store — checkpoints were deleted$`),
    );
  });

  it('when the last records are deleted together with their checkpoints, then the chain looks whole to the store alone, and the anchor log names the missing checkpoint', async () => {
    const { chain, open, verify } = await setup();
    const writer = await open();
    for (let i = 1; i <= 12; i++) await writer.append(entry(i));
    await writer.close(); // checkpoints at 5, 10 and 12
    await store.db.deleteFrom('audit_records').where('chain', '=', chain).where('seq', '>', '5').execute();
    await store.db.deleteFrom('audit_checkpoints').where('chain', '=', chain).where('seq', '>', '5').execute();
    expect(await verify({ anchors: [] })).toMatchObject({ ok: true, records: 5 });
    expect((await verify()).problem).toMatch(new RegExp(`^chain ${chain}, checkpoint at record 10 .*: missing from the store — checkpoints were deleted$`));
  });

  it('when verification runs while the newest checkpoint is anchored but its row not yet committed, then it waits for the row instead of calling it deleted', async () => {
    const { chain, open, verify } = await setup();
    const writer = await open();
    for (let i = 1; i <= 12; i++) await writer.append(entry(i));
    await writer.close(); // checkpoints at 5, 10 and 12
    const committing = await store.db.selectFrom('audit_checkpoints').selectAll().where('chain', '=', chain).where('seq', '=', '12').executeTakeFirstOrThrow();
    await store.db.deleteFrom('audit_checkpoints').where('chain', '=', chain).where('seq', '=', '12').execute();
    const verifying = verify({ inFlightWaitMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await store.db.insertInto('audit_checkpoints').values(committing).execute();
    expect(await verifying).toMatchObject({ ok: true, records: 12, checkpoints: 3, anchored: 3 });
  });

  it('when a checkpoint between two others is deleted, then verification names the records left uncovered beyond the cadence', async () => {
    const { chain, open, verify } = await setup();
    const writer = await open();
    for (let i = 1; i <= 15; i++) await writer.append(entry(i));
    await writer.close();
    await store.db.deleteFrom('audit_checkpoints').where('chain', '=', chain).where('seq', '=', '10').execute();
    expect((await verify({ anchors: [], cadence: { records: 5, intervalMs: MINUTE } })).problem).toMatch(
      new RegExp(
        `^chain ${chain}: records 6–15 \\(\\S+ to \\S+\\): 10 records over [\\d.]+ s between signed checkpoints, more than the promised 5 records / 60 s — checkpoints were deleted$`,
      ),
    );
  });

  it('when records lie further apart in time than the interval (a replay after an outage), then checkpoints split them so that no span exceeds it', async () => {
    const { open, verify, checkpointsOf } = await setup({ checkpointEvery: 1_000 });
    const base = Date.now() + 60 * MINUTE; // not yet due by the clock: only the records' times decide
    const writer = await open();
    for (let i = 0; i < 8; i++) await writer.append(entry(i + 1, base + i * 25_000));
    await writer.close();
    expect((await checkpointsOf()).map((c) => c.seq)).toEqual([3, 6, 8]);
    expect(await verify({ now: new Date(base + 60 * MINUTE) })).toMatchObject({ ok: true, records: 8, checkpoints: 3 });
  });

  it('when traffic is light, then a timer signs the waiting tail without another request', async () => {
    const { open, verify, checkpointsOf } = await setup({ checkpointEvery: 1_000, checkpointIntervalMs: 400 });
    const writer = await open();
    await writer.append(entry(1));
    await expect.poll(checkpointsOf, { timeout: 5_000 }).toEqual([expect.objectContaining({ seq: 1 })]);
    expect(await verify({ cadence: { records: 1_000, intervalMs: 400 }, tailGraceMs: 0 })).toMatchObject({ ok: true, checkpoints: 1 });
    await writer.close();
  });

  it('when a gateway dies without closing, then its unsigned tail fails verification once old, until the restarted writer signs it', async () => {
    const { chain, open, verify } = await setup({ checkpointEvery: 1_000 });
    const crashed = await open();
    for (let i = 1; i <= 3; i++) await crashed.append(entry(i));
    const later = new Date(Date.now() + 10 * MINUTE);
    expect((await verify({ now: later })).problem).toMatch(
      new RegExp(`^chain ${chain}: records 1–3 .*: no signed checkpoint covers them.*restarted, it signs its tail`),
    );
    const restarted = await open();
    expect(await verify({ now: later })).toMatchObject({ ok: true, records: 3, checkpoints: 1, anchored: 1 });
    await restarted.close();
    await crashed.close();
  });

  it('when the audit key is rotated, then later checkpoints name the new key, the history signed by the old one still verifies, and a key id outside the key set is named', async () => {
    const { dir, open, verify, checkpointsOf } = await setup();
    const writer = await open();
    for (let i = 1; i <= 5; i++) await writer.append(entry(i));
    const { retired, current } = await rotateKeyPair(dir, 'audit-signing');
    for (let i = 6; i <= 10; i++) await writer.append(entry(i));
    // A checkpoint is signed just after the response its record released: wait for it.
    await expect.poll(checkpointsOf).toEqual([
      { seq: 5, keyId: retired },
      { seq: 10, keyId: current },
    ]);
    expect(await verify()).toMatchObject({ ok: true, checkpoints: 2 });

    const onlyCurrent = await publicKeySetOf([JSON.parse(readFileSync(demoKeyPath(dir, 'audit-signing', 'public'), 'utf8')) as JWK]);
    expect((await verify({ keys: onlyCurrent })).problem).toMatch(
      new RegExp(`checkpoint at record 5: signed with key id "${retired}", which is not in the audit key set$`),
    );
    await writer.close();
  });

  it('when checkpoints are published to Redis, then Redis alone shows records and checkpoints deleted from the end', async () => {
    const redis = connectRedis('redis://127.0.0.1:6379', () => undefined);
    const prefix = `zhoucun-test-${randomBytes(4).toString('hex')}:`;
    onTestFinished(async () => {
      for await (const keys of redis.scanIterator({ MATCH: `${prefix}*` })) if (keys.length > 0) await redis.del(keys);
      await closeRedis(redis);
    });
    const { chain, open, verify } = await setup({ publishCheckpoints: createRedisCheckpointPublisher(redis, prefix) });
    const writer = await open();
    for (let i = 1; i <= 12; i++) await writer.append(entry(i));
    await writer.close();
    const fromRedis = [redisCheckpointAnchors(redis, prefix)];
    await expect.poll(async () => (await verify({ anchors: fromRedis })).anchored).toBe(3);
    await store.db.deleteFrom('audit_records').where('chain', '=', chain).where('seq', '>', '5').execute();
    await store.db.deleteFrom('audit_checkpoints').where('chain', '=', chain).where('seq', '>', '5').execute();
    expect((await verify({ anchors: fromRedis })).problem).toMatch(
      new RegExp(`^chain ${chain}, checkpoint at record 10 \\(signed \\S+, in Redis\\): missing from the store`),
    );
  });

  /** Subjects served as the gateway lists them: public-security served two, human-resources one of those and a third. */
  const listedFor = (i: number) =>
    listSubjects(
      new Map([
        ['public-security', new Set([`${i}`.padStart(64, 'a'), `${i}`.padStart(64, 'b')])],
        ['human-resources', new Set([`${i}`.padStart(64, 'a'), `${i}`.padStart(64, 'c')])],
      ]),
    )!;
  const withSubjects = (i: number) => auditEntry(`r-${i}`, { subjects: listedFor(i) });

  it('art-15: when the subjects a record lists (its part of the subject log) are altered — one removed, one added, one moved to another provider — then verification names the record as changed', async () => {
    const { chain, open, verify } = await setup();
    const writer = await open();
    for (let i = 1; i <= 3; i++) await writer.append(withSubjects(i));
    await writer.close();
    expect(await verify()).toMatchObject({ ok: true, records: 3, subjectRows: 12 });
    const listed = listedFor(2);
    const [a, b, c] = listed.hmacs as [string, string, string];
    expect(listed.servedBy).toEqual({ 'public-security': [a, b], 'human-resources': [a, c] });
    const setSubjects = (subjects: object) =>
      store.db
        .updateTable('audit_records')
        .set({ subjects: JSON.stringify(subjects) })
        .where('chain', '=', chain)
        .where('seq', '=', '2')
        .execute();
    const changed = new RegExp(`^chain ${chain}, record 2 \\(row id \\d+\\): content does not match its hash — the record was changed$`);
    for (const altered of [
      // One subject removed from what human-resources served; one added to it; its part moved to another provider.
      { ...listed, servedBy: { ...listed.servedBy, 'human-resources': [c] } },
      { hmacs: [...listed.hmacs, 'd'.repeat(64)], servedBy: { ...listed.servedBy, 'human-resources': [a, c, 'd'.repeat(64)] } },
      { ...listed, servedBy: { 'public-security': [a, b], 'market-regulation': [a, c] } },
      // The same pairs, listed per provider as records before subject lists did: not what was hashed.
      { 'public-security': [a, b], 'human-resources': [a, c] },
    ]) {
      await setSubjects(altered);
      expect((await verify()).problem).toMatch(changed);
    }
    await setSubjects(listed);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('when `npm run audit:verify` runs after the subjects a record lists were altered, then it exits 1 naming the record', { timeout: 120_000 }, async () => {
    const { dir, chain, open } = await setup();
    const location = { dataDir: join(dir, 'elsewhere'), databaseUrl: database.databaseUrl };
    onTestFinished(async () => void (await changeClosedStore(location, (db) => db.deleteFrom('audit_records').where('chain', '=', chain).execute())));
    await changeClosedStore(location, async (db) => {
      await migrateToLatest(db);
      const writer = await open({ db });
      for (let i = 1; i <= 3; i++) await writer.append(withSubjects(i));
      await writer.close();
      // The subjects public-security served to record 3, removed.
      const subjects = { ...listedFor(3), servedBy: { 'human-resources': listedFor(3).servedBy['human-resources'] } };
      await db
        .updateTable('audit_records')
        .set({ subjects: JSON.stringify(subjects) })
        .where('chain', '=', chain)
        .where('seq', '=', '3')
        .execute();
    });
    const broken = runAuditVerify(location, { publicKeysPath: demoKeyPath(dir, 'audit-signing', 'public-keys') });
    expect(broken.stderr).toMatch(
      new RegExp(
        `^Audit trail BROKEN after 2 verified records: chain ${chain}, record 3 \\(row id \\d+\\): content does not match its hash — the record was changed`,
      ),
    );
    expect(broken.status).toBe(1);
  });

  it(
    'when `npm run audit:verify -- --anchors <dir>` runs after the tail was deleted, then it exits 1 naming the anchored checkpoint the store lost',
    { timeout: 180_000 },
    async () => {
      // Slow by nature: Node processes that each open the store. The chain goes to a store of its own
      // (PGlite on disk, or the same PostgreSQL), closed before each run: PGlite is one process's at a time.
      const { dir, chain, open } = await setup();
      const location = { dataDir: join(dir, 'elsewhere'), databaseUrl: database.databaseUrl };
      await changeClosedStore(location, async (db) => {
        await migrateToLatest(db);
        const writer = await open({ db });
        for (let i = 1; i <= 12; i++) await writer.append(entry(i));
        await writer.close();
      });
      const run = (...args: string[]) => runAuditVerify(location, { publicKeysPath: demoKeyPath(dir, 'audit-signing', 'public-keys'), args });
      const intact = run('--anchors', join(dir, 'audit'));
      expect(intact.stdout).toMatch(
        /^Audit trail intact: 12 records in 1 chain\(s\), 3 signed checkpoint\(s\) verified, 3 of them anchored in the checkpoint log in .+\.\n/,
      );
      expect(intact.status).toBe(0);
      await changeClosedStore(location, async (db) => {
        await db.deleteFrom('audit_records').where('chain', '=', chain).where('seq', '>', '10').execute();
        await db.deleteFrom('audit_checkpoints').where('chain', '=', chain).where('seq', '>', '10').execute();
      });
      const broken = run('--anchors', join(dir, 'audit'));
      expect(broken.stderr).toMatch(
        new RegExp(
          `^Audit trail BROKEN after 0 verified records: chain ${chain}, checkpoint at record 12 .*: missing from the store — checkpoints were deleted\n`,
        ),
      );
      expect(broken.status).toBe(1);
      const missing = run('--anchors', join(dir, 'nowhere'));
      expect(missing.stderr).toMatch(/^--anchors .*nowhere: no such directory\n/);
      expect(missing.status).toBe(2);
    },
  );
});
