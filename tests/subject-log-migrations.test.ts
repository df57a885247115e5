/**
 * The subject log's migrations on PGlite and on real PostgreSQL. 0022 replaces the `audit_subjects`
 * table by an index over the subjects each record lists; taken back, it rebuilds the table of 0021
 * from the records (one row per subject naming its providers), which 0021 taken back turns into one
 * row per provider and subject, and forward again. Nothing a record lists is lost either way, and the
 * chain verifies at the end. 0023 lists subjects once per subject in new records; one index serves both
 * listings, and it is not taken back once a record uses it. A record's subjects are stored uncompressed out of line in every
 * partition, those made later too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it, onTestFinished } from 'vitest';
import { checkpointLogAnchors } from '../gateway/audit/checkpoint-anchors.ts';
import { verifyAuditChains } from '../gateway/audit/verify-audit-chain.ts';
import { ensureAuditPartitions } from '../platform/store/audit-partitions.ts';
import { loadPublicKeySet } from '../platform/key-set.ts';
import { demoKeyPath, ensureDemoKeyPair } from '../platform/keys.ts';
import { openStore } from '../platform/store/database.ts';
import { migrateToLatest } from '../platform/store/migrate.ts';
import * as subjectRowsPerSubject from '../platform/store/migrations/0021-subject-rows-per-subject.ts';
import * as subjectLogFromRecords from '../platform/store/migrations/0022-subject-log-from-records.ts';
import * as subjectList from '../platform/store/migrations/0023-subject-list.ts';
import { subjectHmacsOf } from '../platform/store/migrations/0023-subject-list.ts';
import { chainRecord, listSubjects } from '../gateway/audit/audit-record.ts';
import { quarantinedToRow } from '../gateway/audit/audit-codec.ts';
import { accessesToSubject } from '../subgraphs/info-center/subject-log.ts';
import type { Actor, GovernanceServices } from '../subgraphs/info-center/governance-services.ts';
import { auditEntry, openAuditWriter } from './support/audit-fixtures.ts';
import { STORE_BACKENDS } from './support/databases.ts';
import { migratedPgliteTemplate } from './support/pglite-template.ts';

const hmac = (c: string) => c.repeat(64);

describe.each(STORE_BACKENDS)('subject log migrations (0021, 0022, 0023) on %s', (_backend, createDatabase) => {
  /** A store migrated to the latest, dropped when the test ends, and an audit writer on chain `c`. */
  async function migratedStore() {
    const database = await createDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'zhoucun-subject-log-'));
    await ensureDemoKeyPair(dir, 'audit-signing');
    const store = await openStore({ databaseUrl: database.databaseUrl, pgliteDir: join(dir, 'pglite'), pgliteTemplate: await migratedPgliteTemplate() });
    onTestFinished(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      await database.drop();
    });
    await migrateToLatest(store.db);
    return { dir, store, writer: await openAuditWriter(store.db, dir, 'c') };
  }

  it('when the subject log is migrated down and up, then no subject a record lists is lost, the table goes and the index serves, and verification passes', async () => {
    const { dir, store, writer } = await migratedStore();
    await writer.append(
      auditEntry('r-1', { subjects: { 'public-security': [hmac('a'), hmac('b')], 'human-resources': [hmac('a')], 'civil-affairs': [hmac('a')] } }),
    );
    await writer.append(auditEntry('r-2', { subjects: { 'market-regulation': [hmac('c')] } }));
    await writer.close();
    const rows = async () =>
      (
        await sql<{ line: string }>`select seq || ' ' || subject_hmac || ' ' || providers::text as line from audit_subjects order by 1`.execute(store.db)
      ).rows.map((row) => row.line);
    const written = [
      `1 ${hmac('a')} {civil-affairs,human-resources,public-security}`,
      `1 ${hmac('b')} {public-security}`,
      `2 ${hmac('c')} {market-regulation}`,
    ];
    const tableExists = async () =>
      (await sql<{ found: string | null }>`select to_regclass('audit_subjects')::text as found`.execute(store.db)).rows[0]!.found !== null;
    const indexed = async () =>
      Number((await sql<{ n: string }>`select count(*) as n from pg_indexes where indexname = 'audit_records_subject_hmacs'`.execute(store.db)).rows[0]!.n);
    expect([await tableExists(), await indexed()]).toEqual([false, 0]);
    // Records listing subjects per provider only: 0023 is taken back, and 0022's index serves them again.
    await subjectList.down(store.db);
    expect([await tableExists(), await indexed()]).toEqual([false, 1]);

    await subjectLogFromRecords.down(store.db);
    expect([await tableExists(), await indexed()]).toEqual([true, 0]);
    expect(await rows()).toEqual(written);

    await subjectRowsPerSubject.down(store.db);
    const perProvider = await sql<{
      line: string;
    }>`select seq || ' ' || provider || ' ' || left(subject_hmac, 1) as line from audit_subjects order by 1`.execute(store.db);
    expect(perProvider.rows.map((row) => row.line)).toEqual([
      '1 civil-affairs a',
      '1 human-resources a',
      '1 public-security a',
      '1 public-security b',
      '2 market-regulation c',
    ]);

    await subjectRowsPerSubject.up(store.db);
    expect(await rows()).toEqual(written);
    // A row names at least one provider.
    const none = await sql`insert into audit_subjects (subject_hmac, at, chain, seq, providers) values (${hmac('d')}, now(), 'c', 2, '{}')`
      .execute(store.db)
      .catch((error: unknown) => error);
    expect((none as { code?: string }).code).toBe('23514');
    await subjectLogFromRecords.up(store.db);
    expect([await tableExists(), await indexed()]).toEqual([false, 1]);
    await subjectList.up(store.db);
    expect([await tableExists(), await indexed()]).toEqual([false, 0]);
    const report = await verifyAuditChains(store.db, {
      keys: await loadPublicKeySet(demoKeyPath(dir, 'audit-signing', 'public-keys')),
      anchors: [checkpointLogAnchors(join(dir, 'audit'))],
    });
    expect(report).toMatchObject({ ok: true, records: 2, subjectRows: 5 });

    // A record's subjects are kept out of line uncompressed, in every partition, those made later too; the check goes with them.
    await ensureAuditPartitions(store.db, { now: new Date(Date.UTC(2031, 5, 15)), ahead: 0 });
    const storage = await sql<{ partition: string; storage: string }>`
      select c.relname as partition, a.attstorage as storage from pg_inherits i
        join pg_class c on c.oid = i.inhrelid join pg_attribute a on a.attrelid = c.oid and a.attname = 'subjects'
      where i.inhparent = 'audit_records'::regclass order by 1`.execute(store.db);
    expect(storage.rows.map((row) => row.partition)).toContain('audit_records_y2031m06');
    expect(storage.rows.every((row) => row.storage === 'e')).toBe(true);
    // The partition made later takes the subject log's index as it is attached.
    const laterIndex = await sql<{
      n: string;
    }>`select count(*) as n from pg_indexes where tablename = 'audit_records_y2031m06' and indexdef like '%servedBy%hmacs%jsonb_path_query_array%'`.execute(
      store.db,
    );
    expect(Number(laterIndex.rows[0]!.n)).toBe(1);
  });

  it('when records list subjects once per subject (0023) beside records listing them per provider, then one index finds both by any subject, verification passes, and 0023 is not taken back', async () => {
    const { dir, store, writer } = await migratedStore();
    await writer.append(auditEntry('before', { subjects: { 'public-security': [hmac('a'), hmac('b')], 'human-resources': [hmac('a')] } }));
    const listed = listSubjects(
      new Map([
        ['public-security', new Set([hmac('b'), hmac('c')])],
        ['civil-affairs', new Set([hmac('c')])],
      ]),
    )!;
    await writer.append(auditEntry('listed', { subjects: listed }));
    await writer.close();
    const found = async (subject: string) =>
      (
        await sql<{ request_id: string }>`select request_id from audit_records
          where ${subjectHmacsOf('subjects')} @> jsonb_build_array(${subject}::text) order by seq`.execute(store.db)
      ).rows.map((row) => row.request_id);
    expect([await found(hmac('a')), await found(hmac('b')), await found(hmac('c')), await found(hmac('d'))]).toEqual([
      ['before'],
      ['before', 'listed'],
      ['listed'],
      [],
    ]);
    const report = await verifyAuditChains(store.db, {
      keys: await loadPublicKeySet(demoKeyPath(dir, 'audit-signing', 'public-keys')),
      anchors: [checkpointLogAnchors(join(dir, 'audit'))],
    });
    expect(report).toMatchObject({ ok: true, records: 2, subjectRows: 6 });
    // The lookup names, for each record, the providers that served the subject, either listing read alike.
    const services = { db: store.db, catalog: () => new Map(), subjectHmac: hmac } as unknown as GovernanceServices;
    const accesses = async (actor: Actor, subject: string) =>
      (await accessesToSubject(services, actor, { citizenId: subject, from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' })).map(
        (access) => `${access.requestId} ${access.provider}`,
      );
    const operator: Actor = { app: 'op', dept: 'info-center', roles: ['platform-admin'] };
    expect([await accesses(operator, 'a'), await accesses(operator, 'b'), await accesses(operator, 'c')]).toEqual([
      ['before human-resources', 'before public-security'],
      ['listed public-security', 'before public-security'],
      ['listed civil-affairs', 'listed public-security'],
    ]);
    const admin = (dept: string): Actor => ({ app: `${dept}-admin`, dept, roles: ['provider-admin'] });
    expect([await accesses(admin('public-security'), 'a'), await accesses(admin('civil-affairs'), 'b'), await accesses(admin('civil-affairs'), 'c')]).toEqual([
      ['before public-security'],
      [],
      ['listed civil-affairs'],
    ]);

    await expect(subjectList.down(store.db)).rejects.toThrow(/^Record 2 of audit chain c lists its subjects once per subject \(migration 0023\)/);
    expect(await found(hmac('c'))).toEqual(['listed']);
    // A record listing them so only in the quarantine (JSON text the store refused once) holds 0023 as well.
    await store.db.deleteFrom('audit_records').where('request_id', '=', 'listed').execute();
    const quarantined = chainRecord(auditEntry('listed', { subjects: listed }), 'q', 1, 'genesis');
    await store.db
      .insertInto('audit_quarantine')
      .values(quarantinedToRow({ record: quarantined, reason: 'refused', at: new Date().toISOString() }))
      .execute();
    await expect(subjectList.down(store.db)).rejects.toThrow(/^Record 1 of audit chain q lists its subjects once per subject/);
  });
});
