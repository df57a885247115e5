/**
 * Migration 0021 on PGlite and on real PostgreSQL: the subject log's rows, one per provider and
 * subject before, become one per subject naming its providers, and back; nothing a record lists is
 * lost either way, and `audit:verify`'s comparison holds on the migrated rows. A record's subjects are
 * stored uncompressed out of line, and a subject row names at least one provider, in every partition.
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
import { auditEntry, openAuditWriter } from './support/audit-fixtures.ts';
import { STORE_BACKENDS } from './support/databases.ts';
import { migratedPgliteTemplate } from './support/pglite-template.ts';

const hmac = (c: string) => c.repeat(64);

describe.each(STORE_BACKENDS)('subject rows per subject (0021) on %s', (_backend, createDatabase) => {
  it('when the subject log is migrated down and up, then each subject served by several providers is one row naming them, and verification passes', async () => {
    const database = await createDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'zhoucun-0021-'));
    await ensureDemoKeyPair(dir, 'audit-signing');
    const store = await openStore({ databaseUrl: database.databaseUrl, pgliteDir: join(dir, 'pglite'), pgliteTemplate: await migratedPgliteTemplate() });
    onTestFinished(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      await database.drop();
    });
    await migrateToLatest(store.db);
    const writer = await openAuditWriter(store.db, dir, 'c');
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
    const none = await store.db
      .insertInto('audit_subjects')
      .values({ subject_hmac: hmac('d'), at: new Date(), chain: 'c', seq: '2', providers: [] })
      .execute()
      .catch((error: unknown) => error);
    expect((none as { code?: string }).code).toBe('23514');
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
    const later = await store.db
      .insertInto('audit_subjects')
      .values({ subject_hmac: hmac('d'), at: new Date(Date.UTC(2031, 5, 15)), chain: 'c', seq: '3', providers: [] })
      .execute()
      .catch((error: unknown) => error);
    expect((later as { code?: string }).code).toBe('23514');
  });
});
