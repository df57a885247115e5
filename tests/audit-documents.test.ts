/**
 * Operation documents beside the audit records, on PGlite and on real PostgreSQL: a document the store
 * refuses for its content is dropped from the pending set with an alert naming its hash, the records
 * of its group are stored, and no later group commit retries it; a store that cannot take documents
 * now (away, or the table gone) keeps them pending until it can; a document beyond the pending bound
 * is dropped with an alert, never silently.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { AuditAlert } from '../gateway/audit/audit-writer.ts';
import type { OperationDocument } from '../gateway/audit/operation-document.ts';
import { createGatewayMetrics } from '../gateway/observe/gateway-metrics.ts';
import { auditReadiness } from '../gateway/readiness.ts';
import { ensureDemoKeyPair } from '../platform/keys.ts';
import { openStore } from '../platform/store/database.ts';
import { auditEntry, openAuditWriter } from './support/audit-fixtures.ts';
import { openMigratedStore, STORE_BACKENDS } from './support/databases.ts';
import { proxyPostgres } from './support/tcp-proxy.ts';
import { createHash } from 'node:crypto';

const documentOf = (text: string): OperationDocument => ({ hash: createHash('sha256').update(text).digest('hex'), text, operationName: null });
const GOOD = documentOf('{resident(citizenId:""){name}}');
const LATER = documentOf('{resident(citizenId:""){address}}');
/** Content both stores refuse (SQLSTATE 22021): a NUL in a text column. */
const POISONED = documentOf('{resident(citizenId:""){name}}\u0000');

/** Counts, per statement inserting operation documents, how many rows it carried. */
function documentInserts(): { plugin: KyselyPlugin; rows: number[] } {
  const rows: number[] = [];
  const plugin: KyselyPlugin = {
    transformQuery({ node }) {
      const insert = node as RootOperationNode & { kind: string; into?: { table: { identifier: { name: string } } }; values?: { values?: unknown[] } };
      if (insert.kind === 'InsertQueryNode' && insert.into?.table.identifier.name === 'operation_documents') rows.push(insert.values?.values?.length ?? 0);
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { plugin, rows };
}

describe.each(STORE_BACKENDS)('operation documents on %s', (backend, createDatabase) => {
  async function setup(options: { maxPendingDocuments?: number } = {}) {
    const { store, close } = await openMigratedStore(createDatabase);
    const dir = mkdtempSync(join(tmpdir(), 'zhoucun-documents-'));
    await ensureDemoKeyPair(dir, 'audit-signing');
    const inserts = documentInserts();
    const writer = await openAuditWriter(store.db.withPlugin(inserts.plugin), dir, 'c', options);
    const alerts: AuditAlert[] = [];
    writer.onAlert((alert) => alerts.push(alert));
    onTestFinished(async () => {
      await writer.close();
      await close();
      rmSync(dir, { recursive: true, force: true });
    });
    const storedHashes = async () => (await store.db.selectFrom('operation_documents').select('hash').orderBy('hash').execute()).map((row) => row.hash);
    const storedIds = async () => (await store.db.selectFrom('audit_records').select('request_id').orderBy('seq').execute()).map((row) => row.request_id);
    return { store, writer, alerts, inserts, storedHashes, storedIds };
  }

  it('when the store refuses a document for its content, then it is dropped with an alert naming its hash, its group is stored, and no later group commit retries it', async () => {
    const { writer, alerts, inserts, storedHashes, storedIds } = await setup();
    // Sent together: the refused document shares its group commit with a good one and three records.
    await Promise.all([
      writer.append(auditEntry('r-1', { documentHash: GOOD.hash }), GOOD),
      writer.append(auditEntry('r-2', { documentHash: POISONED.hash }), POISONED),
      writer.append(auditEntry('r-3')),
    ]);
    expect(await storedIds()).toEqual(['r-1', 'r-2', 'r-3']);
    expect(await storedHashes()).toEqual([GOOD.hash]);
    expect(alerts).toEqual([{ kind: 'document-dropped', hash: POISONED.hash, reason: expect.stringMatching(/^SQLSTATE 22021: invalid byte sequence/) }]);
    expect(writer.state().documents).toEqual({
      dropped: 1,
      last: { hash: POISONED.hash, reason: expect.stringMatching(/^SQLSTATE 22021: /), at: expect.any(String) },
    });
    const metrics = createGatewayMetrics();
    metrics.watchAudit(writer);
    expect(await metrics.registry.getSingleMetricAsString('zhoucun_gateway_audit_documents_dropped_total')).toMatch(
      /^zhoucun_gateway_audit_documents_dropped_total 1$/m,
    );
    expect(auditReadiness({ state: writer.state }, Date.now())).toMatchObject({ ready: true, documents: { dropped: 1 } });

    // The next group commits: only the new document is written, the refused one is neither retried nor alerted again.
    inserts.rows.length = 0;
    await writer.append(auditEntry('r-4', { documentHash: LATER.hash }), LATER);
    await writer.append(auditEntry('r-5', { documentHash: POISONED.hash }), POISONED);
    await writer.append(auditEntry('r-6'));
    expect(inserts.rows).toEqual([1]);
    expect(await storedHashes()).toEqual([GOOD.hash, LATER.hash].sort());
    expect(await storedIds()).toEqual(['r-1', 'r-2', 'r-3', 'r-4', 'r-5', 'r-6']);
    expect(alerts).toHaveLength(1);
    expect(writer.state().documents.dropped).toBe(1);
  });

  it('when the store cannot take documents for a while, then they stay pending without an alert and are stored once it can', async () => {
    const { store, writer, alerts, storedHashes, storedIds } = await setup();
    await sql`alter table operation_documents rename to operation_documents_away`.execute(store.db);
    await writer.append(auditEntry('r-1', { documentHash: GOOD.hash }), GOOD);
    await writer.append(auditEntry('r-2'));
    expect(await storedIds()).toEqual(['r-1', 'r-2']);
    expect(alerts).toEqual([]);
    expect(writer.state().documents.dropped).toBe(0);

    await sql`alter table operation_documents_away rename to operation_documents`.execute(store.db);
    await writer.append(auditEntry('r-3'));
    expect(await storedHashes()).toEqual([GOOD.hash]);
    expect(alerts).toEqual([]);
  });

  it('when more documents wait than the bound, then each one beyond it is dropped with one alert naming its hash', async () => {
    const { store, writer, alerts, storedHashes } = await setup({ maxPendingDocuments: 1 });
    await sql`alter table operation_documents rename to operation_documents_away`.execute(store.db);
    await writer.append(auditEntry('r-1', { documentHash: GOOD.hash }), GOOD);
    await writer.append(auditEntry('r-2', { documentHash: LATER.hash }), LATER);
    await writer.append(auditEntry('r-3', { documentHash: LATER.hash }), LATER);
    expect(alerts).toEqual([{ kind: 'document-dropped', hash: LATER.hash, reason: '1 documents already wait for the store' }]);
    expect(writer.state().documents.dropped).toBe(1);

    await sql`alter table operation_documents_away rename to operation_documents`.execute(store.db);
    await writer.append(auditEntry('r-4'));
    expect(await storedHashes()).toEqual([GOOD.hash]);
    // Room again: the document dropped for want of it is kept the next time a record names it.
    await writer.append(auditEntry('r-5', { documentHash: LATER.hash }), LATER);
    expect(await storedHashes()).toEqual([GOOD.hash, LATER.hash].sort());
  });

  // Only PostgreSQL can be cut off: an embedded store goes away only with the process.
  if (backend === 'PostgreSQL')
    it('when the store is cut, then records are spooled and the document waits; once the store is back both reach it', async () => {
      const database = await createDatabase();
      const { proxy, url } = await proxyPostgres(database.databaseUrl!);
      const store = await openStore({ databaseUrl: url });
      const { store: direct, close } = await openMigratedStore(async () => database);
      const dir = mkdtempSync(join(tmpdir(), 'zhoucun-documents-'));
      await ensureDemoKeyPair(dir, 'audit-signing');
      const writer = await openAuditWriter(store.db, dir, 'c');
      const alerts: AuditAlert[] = [];
      writer.onAlert((alert) => alerts.push(alert));
      onTestFinished(async () => {
        await proxy.restore().catch(() => undefined);
        await writer.close();
        await store.close();
        await proxy.close();
        await close();
        rmSync(dir, { recursive: true, force: true });
      });

      await writer.append(auditEntry('r-1'));
      await proxy.cut();
      await writer.append(auditEntry('r-2', { documentHash: GOOD.hash }), GOOD);
      expect(writer.state().spool.waiting).toBe(1);
      await proxy.restore();
      await expect
        .poll(async () => (await direct.db.selectFrom('operation_documents').select('hash').execute()).map((row) => row.hash), { timeout: 10_000 })
        .toEqual([GOOD.hash]);
      expect((await direct.db.selectFrom('audit_records').select('request_id').orderBy('seq').execute()).map((row) => row.request_id)).toEqual(['r-1', 'r-2']);
      expect(alerts.map((alert) => alert.kind)).toEqual(['spooling']);
      expect(writer.state().documents.dropped).toBe(0);
    });
});
