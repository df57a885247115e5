/**
 * One audit codec, on PGlite and on real PostgreSQL: every field of a record survives the store as
 * the verifier reads it back (and so does its hash), checkpoints and quarantined records survive
 * their tables, spool and anchor lines read back as written, and a change to any single column of a
 * record the writer stored is caught by the verifier.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Updateable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { signCheckpoint } from '../gateway/audit/audit-checkpoint.ts';
import {
  checkpointToLine,
  checkpointToRow,
  fromSpoolLine,
  hashRecord,
  lineToCheckpoint,
  quarantinedToRow,
  recordHashHolds,
  recordToRow,
  rowToCheckpoint,
  rowToQuarantined,
  rowToRecord,
  toSpoolLine,
  type StoredRecordRow,
} from '../gateway/audit/audit-codec.ts';
import type { QuarantinedRecord } from '../gateway/audit/audit-quarantine.ts';
import { AUDIT_OUTCOMES, chainRecord, GENESIS_HASH, type AuditEntry, type ChainedRecord } from '../gateway/audit/audit-record.ts';
import { checkpointLogAnchors } from '../gateway/audit/checkpoint-anchors.ts';
import { readCheckpointRows, readQuarantineRows, readRecordPage, verifyAuditChains } from '../gateway/audit/verify-audit-chain.ts';
import { demoKeyPath, ensureDemoKeyPair } from '../platform/keys.ts';
import { loadPublicKeySet } from '../platform/key-set.ts';
import type { Store } from '../platform/store/database.ts';
import type { AuditRecordsTable } from '../platform/store/tables.ts';
import { auditEntry, openAuditWriter } from './support/audit-fixtures.ts';
import { openMigratedStore, STORE_BACKENDS } from './support/databases.ts';

const UNICODE = '低保复核 “李雷” — 𠀀𝒜 🧾 e\u0301 עברית';

/** Every outcome, with a code and without, unicode in every text, empty and full lists, served counts large and small. */
function entries(): AuditEntry[] {
  const base = Date.parse('2026-03-02T01:02:03.456Z');
  return AUDIT_OUTCOMES.flatMap((outcome, i): AuditEntry[] => [
    {
      at: new Date(base + i * 1001).toISOString(),
      requestId: `req-${i}-${UNICODE}`,
      app: `app ${UNICODE}`,
      dept: 'civil-affairs',
      roles: ['consumer', `审核 ${UNICODE}`],
      purpose: 'WORK_REFERENCE',
      matter: `matter ${UNICODE}`,
      operationHash: 'ab'.repeat(32),
      operationName: `Op${UNICODE}`,
      granted: ['Resident.name', `Resident.${UNICODE}`],
      denied: ['Resident.criminalRecord'],
      masked: ['Resident.idNumber'],
      providers: ['public-security', 'civil-affairs'],
      served: { 'public-security': { calls: 3, entities: 2_000_000_000 }, 'civil-affairs': { calls: 0, entities: 0 }, [UNICODE]: { calls: 1, entities: 1 } },
      outcome,
      durationMs: 2_147_483_647,
      verified: { 'Resident.monthlyPension': { MATCH: 999, MISMATCH: 1, NO_RECORD: 0 }, 'Resident.maritalStatus': { MATCH: 0, MISMATCH: 0, NO_RECORD: 1000 } },
      subjects: { 'public-security': ['ab'.repeat(32), 'cd'.repeat(32)], 'human-resources': [] },
      documentHash: 'ef'.repeat(32),
    },
    // The emptiest record: no purpose, nothing asked, granted or served.
    auditEntry(`req-${i}-b`, {
      at: new Date(base + i * 1001 + 500).toISOString(),
      dept: 'approval',
      roles: [],
      purpose: null,
      operationHash: '',
      granted: [],
      providers: [],
      served: {},
      outcome,
      code: `CODE_${outcome}`,
      durationMs: 0,
    }),
  ]);
}

function chained(chain: string, list: readonly AuditEntry[]): ChainedRecord[] {
  let prevHash = GENESIS_HASH;
  return list.map((entry, i) => {
    const record = chainRecord(entry, chain, i + 1, prevHash);
    prevHash = record.hash;
    return record;
  });
}

/** What the database administrator might change in each column of `audit_records` (every column but `id`, its storage identity). */
const TAMPER: { [column in Exclude<keyof AuditRecordsTable, 'id'>]: (row: StoredRecordRow) => Updateable<AuditRecordsTable>[column] } = {
  chain: (row) => `${row.chain}-moved`,
  seq: (row) => Number(row.seq) + 100,
  prev_hash: (row) => `${row.prev_hash}0`,
  hash: (row) => `${row.hash.startsWith('0') ? '1' : '0'}${row.hash.slice(1)}`,
  at: (row) => new Date(new Date(row.at).getTime() + 1),
  request_id: (row) => `${row.request_id}x`,
  app: (row) => `${row.app}x`,
  dept: () => 'public-security',
  roles: (row) => JSON.stringify([...row.roles, 'operator']),
  purpose: (row) => (row.purpose === null ? 'WORK_REFERENCE' : null),
  matter: (row) => (row.matter === null ? '' : `${row.matter}x`),
  operation_hash: (row) => `${row.operation_hash}0`,
  operation_name: (row) => (row.operation_name === null ? 'Q' : null),
  granted: (row) => JSON.stringify([...row.granted, 'Resident.idNumber']),
  denied: (row) => JSON.stringify(row.denied.length > 0 ? row.denied.slice(1) : ['Resident.name']),
  masked: (row) => JSON.stringify([...row.masked, 'Resident.address']),
  providers: (row) => [...row.providers, 'tax'],
  served: (row) => JSON.stringify({ ...row.served, 'public-security': { calls: 1, entities: (row.served['public-security']?.entities ?? 0) + 1 } }),
  outcome: (row) => (row.outcome === 'SERVED' ? 'PARTIAL' : 'SERVED'),
  duration_ms: (row) => (row.duration_ms > 0 ? row.duration_ms - 1 : 1),
  code: (row) => (row.code === null ? 'FORBIDDEN_FIELD' : null),
  verified: (row) => JSON.stringify({ ...row.verified, 'Resident.monthlyPension': { MATCH: 1, MISMATCH: 0, NO_RECORD: 0 } }),
  subjects: (row) => JSON.stringify({ ...row.subjects, 'human-resources': ['0'.repeat(64)] }),
  document_hash: (row) => (row.document_hash === null ? 'ab'.repeat(32) : null),
};

describe.each(STORE_BACKENDS)('audit codec on %s', (_backend, createDatabase) => {
  let store: Store;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => void ({ store, close } = await openMigratedStore(createDatabase)));
  afterAll(() => close?.());

  /** A chain of its own, removed from the store afterwards. */
  function newChain(): string {
    const chain = `codec-${randomBytes(4).toString('hex')}`;
    onTestFinished(async () => {
      for (const table of ['audit_records', 'audit_checkpoints', 'audit_quarantine'] as const)
        await store.db.deleteFrom(table).where('chain', 'like', `${chain}%`).execute();
    });
    return chain;
  }

  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'zhoucun-codec-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  /** The real writer stores every kind of record in a chain of its own, signed every fourth record. */
  async function writeChain() {
    const chain = newChain();
    const dir = tempDir();
    await ensureDemoKeyPair(dir, 'audit-signing');
    const anchorDir = join(dir, 'audit');
    const writer = await openAuditWriter(store.db, dir, chain, { checkpointEvery: 4 });
    const now = Date.now();
    const appended = entries().map((entry, i) => ({ ...entry, at: new Date(now + i).toISOString() }));
    for (const entry of appended) await writer.append(entry);
    await writer.close();
    const keys = await loadPublicKeySet(demoKeyPath(dir, 'audit-signing', 'public-keys'));
    const verify = () => verifyAuditChains(store.db, { keys, anchors: [checkpointLogAnchors(anchorDir)] });
    return { chain, appended, verify };
  }

  it("when records of every outcome, with and without a code, are stored and read back with the verifier's query, then each decodes to the record written, field for field, and hashes the same", async () => {
    const chain = newChain();
    const records = chained(chain, entries());
    await store.db.insertInto('audit_records').values(records.map(recordToRow)).execute();
    const decoded = (await readRecordPage(store.db, chain, 0)).map(rowToRecord);
    expect(decoded).toStrictEqual(records);
    for (const [i, record] of decoded.entries()) {
      expect(hashRecord(record, record.chain, record.seq, record.prevHash)).toBe(records[i]!.hash);
      expect(recordHashHolds(record)).toBe(true);
    }
  });

  it("when checkpoints and quarantined records are stored and read back with the verifier's queries, then each decodes to what was written", async () => {
    const chain = newChain();
    const records = chained(chain, entries());
    const key = await ensureDemoKeyPair(tempDir(), 'audit-signing');
    const checkpoints = await Promise.all(records.map((record) => signCheckpoint(key, chain, record.seq, record.hash, new Date(Date.parse(record.at) + 7))));
    await store.db.insertInto('audit_checkpoints').values(checkpoints.map(checkpointToRow)).execute();
    expect((await readCheckpointRows(store.db, chain)).map(rowToCheckpoint)).toStrictEqual(checkpoints);
    // What the quarantine exists for: a NUL and a lone surrogate, which no text column would keep as they are.
    const poisoned = chained(chain, [{ ...entries()[0]!, matter: 'a\u0000b', operationName: 'lone \udc00' }, ...entries()]);
    const quarantined: QuarantinedRecord[] = poisoned.map((record, i) => ({
      record,
      reason: `reason ${i}`,
      at: new Date(Date.parse(record.at) + 3).toISOString(),
    }));
    await store.db.insertInto('audit_quarantine').values(quarantined.map(quarantinedToRow)).execute();
    const held = (await readQuarantineRows(store.db, chain)).sort((a, b) => Number(a.seq) - Number(b.seq));
    expect(held.map(rowToQuarantined)).toStrictEqual(quarantined);
    expect(held.map((row) => row.hash)).toEqual(poisoned.map((record) => record.hash));
  });

  it('when records and quarantined records go through spool lines and checkpoints through anchor lines, then each reads back as written', async () => {
    const records = chained('gateway-a', entries());
    expect(records.map((record) => fromSpoolLine(toSpoolLine(record)))).toStrictEqual(records);
    const quarantined: QuarantinedRecord = {
      record: chained('gateway-a', [{ ...entries()[0]!, matter: 'a\u0000b \udc00' }])[0]!,
      reason: 'SQLSTATE 22021',
      at: '2026-03-02T01:02:05.000Z',
    };
    expect(fromSpoolLine(toSpoolLine(quarantined))).toStrictEqual(quarantined);
    const key = await ensureDemoKeyPair(tempDir(), 'audit-signing');
    const checkpoint = await signCheckpoint(key, 'gateway-a', 12, records[11]!.hash);
    expect(lineToCheckpoint(checkpointToLine(checkpoint))).toStrictEqual(checkpoint);
  });

  it('when the writer stores records, then they verify and decode to the entries appended; when any single column of a stored record is changed, then the verifier names the break', async () => {
    const { chain, appended, verify } = await writeChain();
    expect(await verify()).toMatchObject({ ok: true, records: appended.length });

    const rows = await readRecordPage(store.db, chain, 0);
    const records = rows.map(rowToRecord);
    expect(records.map(({ chain: _c, seq: _s, prevHash: _p, hash: _h, ...entry }) => entry)).toStrictEqual(appended);

    const { rows: columns } = await sql<{
      name: string;
    }>`select column_name as name from information_schema.columns where table_name = 'audit_records'`.execute(store.db);
    expect(columns.map((column) => column.name).sort()).toEqual(['id', ...Object.keys(TAMPER)].sort());
    // A record in the middle of a checkpoint's span, with a code and without.
    for (const row of [rows[5]!, rows[6]!]) {
      for (const [column, change] of Object.entries(TAMPER) as Array<[keyof typeof TAMPER, (row: StoredRecordRow) => unknown]>) {
        await store.db
          .updateTable('audit_records')
          .set({ [column]: change(row) } as Updateable<AuditRecordsTable>)
          .where('id', '=', row.id)
          .execute();
        const report = await verify();
        expect({ column, seq: row.seq, ok: report.ok }).toEqual({ column, seq: row.seq, ok: false });
        expect(report.problem).toContain(`chain ${chain}`);
        await store.db
          .updateTable('audit_records')
          .set(recordToRow(rowToRecord(row)))
          .where('id', '=', row.id)
          .execute();
        expect(await verify()).toMatchObject({ ok: true });
      }
    }
  });

  it('when a stored record or a quarantined record is given JSON of another shape, then the verifier names the record instead of failing', async () => {
    const { chain, verify } = await writeChain();
    const [row] = await store.db.selectFrom('audit_records').selectAll().where('chain', '=', chain).where('seq', '=', '6').execute();
    for (const change of [
      { served: 'null' },
      { served: '{"public-security": null}' },
      { served: '{"public-security": 1}' },
      { roles: 'null' },
      { granted: '{"a": 1}' },
    ]) {
      await store.db
        .updateTable('audit_records')
        .set(change as Updateable<AuditRecordsTable>)
        .where('id', '=', row!.id)
        .execute();
      expect(await verify()).toMatchObject({
        ok: false,
        problem: `chain ${chain}, record 6 (row id ${row!.id}): content does not match its hash — the record was changed`,
      });
    }
    // Quarantined in its place, the same record verifies; its JSON replaced by anything else, it is named.
    const record = rowToRecord(row!);
    await store.db.deleteFrom('audit_records').where('id', '=', row!.id).execute();
    await store.db
      .insertInto('audit_quarantine')
      .values(quarantinedToRow({ record, reason: 'SQLSTATE 22P05', at: new Date().toISOString() }))
      .execute();
    const inPlace = await verify();
    expect(inPlace.problem).toBeUndefined();
    expect(inPlace).toMatchObject({ ok: true, quarantined: [{ chain, seq: 6, reason: 'SQLSTATE 22P05' }] });
    for (const json of ['null', '"x"', '[]', '{}', '{"chain": null}', 'not json']) {
      await store.db.updateTable('audit_quarantine').set({ record: json }).where('chain', '=', chain).execute();
      expect(await verify()).toMatchObject({ ok: false, problem: expect.stringContaining(`chain ${chain}, record 6 (quarantined`) });
    }
  });
});
