/**
 * Audit end to end, on PGlite and on real PostgreSQL: one record per data request, no values,
 * a hash chain that `npm run audit:verify` checks and that detects any row changed, deleted or inserted.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { verifyAuditChains } from '../gateway/audit/verify-audit-chain.ts';
import { checkpointLogAnchors } from '../gateway/audit/checkpoint-anchors.ts';
import { auditAnchorDir } from '../gateway/config.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { changeClosedStore, runAuditVerify } from './support/audit-verify-command.ts';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { startStoreBackedPlatform, stopStoreBackedPlatform, type TestPlatform } from './support/test-platform.ts';

const CHECKPOINT_INTERVAL_MS = 2_000;
const RESIDENT_QUERY = `query Means { resident(citizenId: "${DEMO.resident}") { name monthlyPension criminalRecord } }`;

describe.each(STORE_BACKENDS)('audit on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  // A quiet tail is signed within about a second instead of the 30–40 s of the 60 s default.
  beforeAll(async () => void ({ platform, database } = await startStoreBackedPlatform(createDatabase, { auditCheckpointIntervalMs: CHECKPOINT_INTERVAL_MS })));
  afterAll(() => stopStoreBackedPlatform(platform, database));

  const recordOf = (requestId: string | null) => platform.store.db.selectFrom('audit_records').selectAll().where('request_id', '=', requestId!).execute();
  const someRecords = (n: number) =>
    Promise.all(Array.from({ length: n }, () => platform.client({ dept: 'approval', purpose: 'WORK_REFERENCE' }).query(RESIDENT_QUERY)));
  const verify = () => verifyAuditChains(platform.store.db, { keys: platform.auditKeys, anchors: [checkpointLogAnchors(auditAnchorDir(platform.dataDir))] });

  it('art-15: when a consumer receives data, then one record says who, for what, which items were granted and denied, and which providers served', async () => {
    const { body, requestId } = await platform
      .client({ dept: 'civil-affairs', app: 'means-test', purpose: 'ADMINISTRATIVE_BASIS', matter: '最低生活保障资格审核' })
      .query(RESIDENT_QUERY);
    expect(body.data).toBeDefined();
    const [record, ...others] = await recordOf(requestId);
    expect(others).toEqual([]);
    expect(record).toMatchObject({
      app: 'means-test',
      dept: 'civil-affairs',
      roles: ['consumer'],
      purpose: 'ADMINISTRATIVE_BASIS',
      matter: '最低生活保障资格审核',
      operation_name: 'Means',
      outcome: 'PARTIAL',
      masked: [],
      denied: ['Resident.criminalRecord'],
    });
    expect([...record!.granted].sort()).toEqual(['Query.resident', 'Resident.monthlyPension', 'Resident.name']);
    expect([...record!.providers].sort()).toEqual(['human-resources', 'public-security']);
    expect(record!.served).toEqual({ 'public-security': { calls: 1, entities: 1 }, 'human-resources': { calls: 1, entities: 1 } });
    expect(record!.operation_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('art-23: when a record is written, then it holds no field value', async () => {
    const { body, requestId } = await platform.client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS' }).query(RESIDENT_QUERY);
    const pension = String((body.data?.['resident'] as Record<string, unknown>)['monthlyPension']);
    const stored = JSON.stringify(await recordOf(requestId));
    expect(stored).not.toContain('王淑芬');
    expect(stored).not.toContain(pension);
    expect(stored).not.toContain(DEMO.resident);
  });

  it('art-15: when a provider asks who used its data, then it sees which department received which of its items, for what, and nothing of other providers', async () => {
    await platform.client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS', matter: '最低生活保障资格审核' }).query(RESIDENT_QUERY);
    const hrAdmin = platform.client({ dept: 'human-resources', app: 'human-resources-admin', roles: ['provider-admin'] });
    const { body } = await hrAdmin.query(
      '{ auditRecords(filter: { department: "civil-affairs" }, first: 5) { records { department purpose matter granted served { provider } } } }',
    );
    const records = (body.data?.['auditRecords'] as { records: Array<{ department: string; granted: string[]; matter: string | null }> }).records;
    expect(records.length).toBeGreaterThanOrEqual(1);
    for (const record of records) {
      expect(record.department).toBe('civil-affairs');
      expect(record.granted).toEqual(['Resident.monthlyPension']);
    }
    expect(records.some((r) => r.matter === '最低生活保障资格审核')).toBe(true);
  });

  it('art-15: when a consumer reads the trail, then it sees only what its own department received', async () => {
    await platform.client({ dept: 'approval', purpose: 'WORK_REFERENCE' }).query(RESIDENT_QUERY);
    const { body } = await platform.client({ dept: 'approval' }).query('{ auditRecords(first: 50) { records { department granted } } }');
    const records = (body.data?.['auditRecords'] as { records: Array<{ department: string }> }).records;
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.department === 'approval')).toBe(true);
  });

  it('art-17: when the operator pages through the trail and asks for usage, then pages do not overlap and counts add up', async () => {
    const from = new Date().toISOString();
    for (let i = 0; i < 2; i++) await platform.client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS' }).query(RESIDENT_QUERY);
    for (let i = 0; i < 2; i++) await platform.client({ dept: 'natural-resources', purpose: 'WORK_REFERENCE' }).query(RESIDENT_QUERY);
    const period = { from, to: '2100-01-01T00:00:00Z' };
    const operator = platform.client({ dept: 'info-center', roles: ['platform-admin'] });
    const page = async (after?: string) =>
      (await operator.query('query($after: String) { auditRecords(first: 2, after: $after) { records { id } nextCursor } }', after ? { after } : {})).body
        .data?.['auditRecords'] as { records: Array<{ id: string }>; nextCursor: string };
    const first = await page();
    const second = await page(first.nextCursor);
    expect(first.records).toHaveLength(2);
    expect(second.records.map((r) => r.id)).not.toContain(first.records[0]!.id);
    expect(Number(second.records[0]!.id)).toBeLessThan(Number(first.records[1]!.id));
    const bad = await operator.query('{ auditRecords(after: "yesterday") { nextCursor } }');
    expect(bad.body.errors?.[0]).toMatchObject({
      message: '"yesterday" is not a cursor from a previous page (nextCursor)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const usage = await operator.query(
      'query($from: String!, $to: String!) { dataUsage(from: $from, to: $to, groupBy: [CONSUMER, FIELD]) { consumer field requests } }',
      period,
    );
    expect(usage.body.data?.['dataUsage']).toContainEqual({ consumer: 'civil-affairs', field: 'Resident.monthlyPension', requests: 2 });
    expect(usage.body.data?.['dataUsage']).toContainEqual({ consumer: 'natural-resources', field: 'Resident.name', requests: 2 });
    const byProvider = await platform
      .client({ dept: 'human-resources', app: 'human-resources-admin', roles: ['provider-admin'] })
      .query('query($from: String!, $to: String!) { dataUsage(from: $from, to: $to, groupBy: [PROVIDER]) { provider requests } }', period);
    expect(byProvider.body.data?.['dataUsage']).toContainEqual({ provider: 'human-resources', requests: 2 });
  });

  it('when a request is refused for want of purpose, or in strict mode, then that too is recorded', async () => {
    const noPurpose = await platform.client({ dept: 'approval' }).query(RESIDENT_QUERY);
    expect(noPurpose.status).toBe(400);
    expect((await recordOf(noPurpose.requestId))[0]).toMatchObject({ outcome: 'REJECTED', code: 'PURPOSE_REQUIRED', granted: [], served: {} });
    const strict = await platform.client({ dept: 'approval', purpose: 'WORK_REFERENCE', strict: true }).query(RESIDENT_QUERY);
    expect((await recordOf(strict.requestId))[0]).toMatchObject({
      outcome: 'REFUSED',
      code: 'FORBIDDEN_OPERATION',
      denied: ['Resident.monthlyPension', 'Resident.criminalRecord'],
      served: {},
    });
  });

  it('when the trail is verified, then every record and checkpoint checks out', async () => {
    await Promise.all(Array.from({ length: 30 }, () => platform.client({ dept: 'market-regulation', purpose: 'WORK_REFERENCE' }).query(RESIDENT_QUERY)));
    const report = await verify();
    expect(report).toMatchObject({ ok: true, chains: 1 });
    expect(report.records).toBeGreaterThanOrEqual(30);
  });

  it('when checkpoints are signed, then with the audit key, not the key that signs subgraph calls', async () => {
    const auditKeyId = platform.auditKeys.all()[0]!.keyId;
    expect(auditKeyId).not.toBe(platform.gatewaySigning.keyId);
    await platform.client({ dept: 'approval', purpose: 'WORK_REFERENCE' }).query(RESIDENT_QUERY); // a tail for the timer to sign
    await expect
      .poll(async () => (await platform.store.db.selectFrom('audit_checkpoints').select('key_id').execute()).map((row) => row.key_id), {
        timeout: 5 * CHECKPOINT_INTERVAL_MS,
        interval: 200,
      })
      .toEqual(expect.arrayContaining([auditKeyId]));
    const keyIds = new Set((await platform.store.db.selectFrom('audit_checkpoints').select('key_id').execute()).map((row) => row.key_id));
    expect([...keyIds]).toEqual([auditKeyId]);
  });

  it('art-5: when a row is changed by hand, then verification names it; when restored, it passes again', async () => {
    await someRecords(5);
    const target = await platform.store.db
      .selectFrom('audit_records')
      .select(['id', 'seq', 'dept'])
      .orderBy('seq')
      .offset(2)
      .limit(1)
      .executeTakeFirstOrThrow();
    await platform.store.db.updateTable('audit_records').set({ dept: 'public-security' }).where('id', '=', target.id).execute();
    expect((await verify()).problem).toMatch(new RegExp(`record ${target.seq} \\(row id ${target.id}\\): content does not match its hash`));
    await platform.store.db.updateTable('audit_records').set({ dept: target.dept }).where('id', '=', target.id).execute();
    expect((await verify()).ok).toBe(true);
  });

  it('art-5: when a row is deleted or a forged row inserted, then verification fails', async () => {
    await someRecords(5);
    const victim = await platform.store.db.selectFrom('audit_records').selectAll().orderBy('seq').offset(4).limit(1).executeTakeFirstOrThrow();
    await platform.store.db.deleteFrom('audit_records').where('id', '=', victim.id).execute();
    expect((await verify()).problem).toMatch(new RegExp(`expected record ${victim.seq} next`));
    const { id: _id, ...restored } = victim;
    await platform.store.db
      .insertInto('audit_records')
      .values({
        ...restored,
        roles: JSON.stringify(victim.roles),
        granted: JSON.stringify(victim.granted),
        denied: JSON.stringify(victim.denied),
        masked: JSON.stringify(victim.masked),
        served: JSON.stringify(victim.served),
        verified: victim.verified && JSON.stringify(victim.verified),
        subjects: victim.subjects && JSON.stringify(victim.subjects),
      })
      .execute();
    expect((await verify()).ok).toBe(true);

    const last = await platform.store.db.selectFrom('audit_records').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    const { id: _lastId, ...copy } = last;
    await platform.store.db
      .insertInto('audit_records')
      .values({
        ...copy,
        seq: Number(last.seq) + 1,
        prev_hash: 'forged',
        request_id: 'forged',
        roles: JSON.stringify(last.roles),
        granted: JSON.stringify(last.granted),
        denied: JSON.stringify(last.denied),
        masked: JSON.stringify(last.masked),
        served: JSON.stringify(last.served),
        verified: last.verified && JSON.stringify(last.verified),
        subjects: last.subjects && JSON.stringify(last.subjects),
      })
      .execute();
    expect((await verify()).problem).toMatch(/does not link to the previous record's hash/);
    await platform.store.db.deleteFrom('audit_records').where('request_id', '=', 'forged').execute();
  });

  it('when `npm run audit:verify` runs against the store, then it reports what it verified, and exits 1 on a broken trail', { timeout: 180_000 }, async () => {
    // Slow by nature: a platform and two Node processes that each open the store.
    // A platform of its own, its PGlite on disk: the command opens the store once the platform has stopped.
    const own = await startStoreBackedPlatform(createDatabase, { pgliteOnDisk: true });
    onTestFinished(() => stopStoreBackedPlatform(own.platform, own.database));
    await Promise.all(Array.from({ length: 3 }, () => own.platform.client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS' }).query(RESIDENT_QUERY)));
    await own.platform.stop(); // and signs its tail on the way
    const location = { dataDir: own.platform.dataDir, databaseUrl: own.database.databaseUrl };
    const command = () => runAuditVerify(location, { publicKeysPath: join(own.platform.dataDir, 'keys', 'audit-signing.public-keys.json') });

    const intact = command();
    expect(intact.stdout).toMatch(
      /^Audit trail intact: 3 records in 1 chain\(s\), (\d+) signed checkpoint\(s\) verified, \1 of them anchored in the checkpoint log in .+\.\nSubject log intact: \d+ subject and provider pair\(s\), as the verified records list them\.\nGovernance log intact: \d+ events chained\.\n$/,
    );
    expect(intact.status).toBe(0);

    // The database administrator changes one record and one governance event: both are named, exit 1.
    const { record, event } = await changeClosedStore(location, async (db) => {
      const first = await db.selectFrom('audit_records').select(['id', 'seq']).orderBy('seq').limit(1).executeTakeFirstOrThrow();
      await db.updateTable('audit_records').set({ purpose: 'DATA_VERIFICATION' }).where('id', '=', first.id).execute();
      const firstEvent = await db.selectFrom('governance_events').select(['id', 'seq']).orderBy('seq').limit(1).executeTakeFirstOrThrow();
      await db.updateTable('governance_events').set({ reason: 'rewritten' }).where('id', '=', firstEvent.id).execute();
      return { record: first, event: firstEvent };
    });
    const broken = command();
    expect(broken.stderr).toMatch(
      new RegExp(`^Audit trail BROKEN after 0 verified records: chain \\S+, record ${record.seq} \\(row id ${record.id}\\): content does not match its hash`),
    );
    expect(broken.stderr).toMatch(
      new RegExp(
        `\\nGovernance log BROKEN after 0 verified events: governance event ${event.seq} \\(row id ${event.id}, .+\\): content does not match its hash`,
      ),
    );
    expect(broken.status).toBe(1);
  });
});
