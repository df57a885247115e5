/**
 * A group commit is one statement (store-audit-records.ts), on PGlite and PostgreSQL: records come
 * back exactly as written, ids in chain order, the subject log finds each record by every subject it
 * lists (none, one provider's, several providers' thousands) and by no other, a replayed group inserts
 * nothing twice, and a group written as several statements (beyond the statement's size) is still
 * stored all or none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { auditEntry } from './support/audit-fixtures.ts';
import { recordHashHolds, rowToRecord } from '../gateway/audit/audit-codec.ts';
import { isContentRefusal } from '../gateway/audit/audit-quarantine.ts';
import { chainRecord, GENESIS_HASH, type AuditEntry, type ChainedRecord } from '../gateway/audit/audit-record.ts';
import { insertAuditGroup, textArrayLiteral } from '../gateway/audit/store-audit-records.ts';
import type { Store } from '../platform/store/database.ts';
import { subjectHmacsOf } from '../platform/store/migrations/0023-subject-list.ts';
import { openMigratedStore, STORE_BACKENDS } from './support/databases.ts';

/** Consecutive records of `chain` from `seq`, linked to `prevHash`. */
function chained(chain: string, entries: AuditEntry[], seq = 1, prevHash = GENESIS_HASH): ChainedRecord[] {
  return entries.map((entry, i) => {
    const record = chainRecord(entry, chain, seq + i, prevHash);
    prevHash = record.hash;
    return record;
  });
}

const hmac = (i: number) => i.toString(16).padStart(64, '0');

/** Text the array literal must carry unchanged: quotes, backslashes, braces, commas, a NULL spelled out, spaces, CJK. */
const AWKWARD = ['"', '\\', '\\"', '{a,b}', 'NULL', '', ' padded ', '最低生活保障资格审核', 'tab\there', 'new\nline', "it's", '}{'];

describe.each(STORE_BACKENDS)('audit group commit on %s', (_backend, createDatabase) => {
  let opened: Awaited<ReturnType<typeof openMigratedStore>>;
  let store: Store;
  beforeAll(async () => {
    opened = await openMigratedStore(createDatabase);
    store = opened.store;
  });
  afterAll(() => opened.close());

  const stored = async (chain: string) =>
    (await store.db.selectFrom('audit_records').selectAll().where('chain', '=', chain).orderBy('id').execute()).map((row) => ({
      id: Number(row.id),
      record: rowToRecord(row),
    }));
  /** The places of `chain`'s records the subject log finds by `subject` (the subject log's own condition, migration 0022). */
  const foundBy = async (chain: string, subject: string) =>
    (
      await store.db
        .selectFrom('audit_records')
        .select('seq')
        .where('chain', '=', chain)
        .where(sql<boolean>`${subjectHmacsOf('subjects')} @> jsonb_build_array(${subject}::text)`)
        .orderBy('seq')
        .execute()
    ).map((row) => Number(row.seq));

  it('when a group mixes records without subjects and with thousands, then each comes back as written, in chain order, and is found by exactly the subjects it lists', async () => {
    const chain = 'mixed';
    const records = chained(chain, [
      auditEntry('none'),
      auditEntry('empty', { subjects: {} }),
      auditEntry('one', { subjects: { 'public-security': [hmac(1)] } }),
      auditEntry('many', {
        subjects: {
          'public-security': Array.from({ length: 2_000 }, (_v, i) => hmac(i)),
          'human-resources': Array.from({ length: 1_500 }, (_v, i) => hmac(i + 7)),
        },
        verified: { 'Resident.name': { MATCH: 3, MISMATCH: 1, NO_RECORD: 0 } },
      }),
      auditEntry('twice', { subjects: { 'public-security': [hmac(5), hmac(5)] }, code: 'RATE_LIMITED', outcome: 'REJECTED', documentHash: 'd'.repeat(64) }),
      auditEntry('awkward', { matter: AWKWARD.join('|'), operationName: '"q"', providers: AWKWARD, roles: AWKWARD, purpose: null }),
      auditEntry('no providers', { providers: [], served: {}, granted: [] }),
    ]);
    await insertAuditGroup(store.db, records);
    const rows = await stored(chain);
    expect(rows.map(({ record }) => record)).toEqual(records);
    expect(rows.map(({ record }) => record.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rows.every(({ record }) => recordHashHolds(record))).toBe(true);
    expect(await foundBy(chain, hmac(1))).toEqual([3, 4]);
    expect(await foundBy(chain, hmac(5))).toEqual([4, 5]);
    // Listed by one provider or by the other, at either end of the lists.
    expect(await foundBy(chain, hmac(1_999))).toEqual([4]);
    expect(await foundBy(chain, hmac(1_506))).toEqual([4]);
    expect(await foundBy(chain, hmac(2_000))).toEqual([]);
  });

  it('when a group is replayed, alone or with new records after it, then nothing is inserted twice', async () => {
    const chain = 'replayed';
    const records = chained(
      chain,
      Array.from({ length: 6 }, (_v, i) => auditEntry(`r${i}`, i % 2 ? { subjects: { 'public-security': [hmac(i), hmac(i + 100)] } } : {})),
    );
    await insertAuditGroup(store.db, records.slice(0, 4));
    const before = { records: await stored(chain) };
    await insertAuditGroup(store.db, records.slice(0, 4));
    expect(await stored(chain)).toEqual(before.records);
    expect(await foundBy(chain, hmac(101))).toEqual([2]);
    await insertAuditGroup(store.db, records);
    const after = await stored(chain);
    expect(after.map(({ record }) => record)).toEqual(records);
    expect(after.slice(0, 4)).toEqual(before.records);
    expect(await foundBy(chain, hmac(105))).toEqual([6]);
  });

  it('when a group is larger than one statement takes, then it is written in several, in order, and a refused record in the last leaves none of the group', async () => {
    const chain = 'split';
    const entries = Array.from({ length: 12 }, (_v, i) =>
      auditEntry(`s${i}`, { subjects: { 'public-security': Array.from({ length: 20 }, (_w, j) => hmac(i * 100 + j)) } }),
    );
    // About 1 800 characters a record: three or four records a statement.
    const records = chained(chain, entries);
    const refused = chained(chain, [...entries.slice(0, 11), { ...entries[11]!, matter: 'a\u0000b' }]);
    const error = await insertAuditGroup(store.db, refused, 6_000).catch((caught: unknown) => caught);
    expect(isContentRefusal(error)).toBe(true);
    expect(await stored(chain)).toEqual([]);
    expect(await foundBy(chain, hmac(0))).toEqual([]);
    await insertAuditGroup(store.db, records, 6_000);
    const rows = await stored(chain);
    expect(rows.map(({ record }) => record)).toEqual(records);
    expect(rows.map(({ id }) => id)).toEqual(rows.map(({ id }) => id).sort((a, b) => a - b));
    expect(await foundBy(chain, hmac(1_119))).toEqual([12]);
  });

  it('when a record holds what the store refuses, then the group is refused with the SQLSTATE a plain insert gets', async () => {
    const [nul] = chained('refused', [auditEntry('nul', { matter: 'a\u0000b' })]);
    const [jsonNul] = chained('refused', [auditEntry('json nul', { roles: ['a\u0000b'] })]);
    const codes = await Promise.all(
      [nul!, jsonNul!].map((record) => insertAuditGroup(store.db, [record]).catch((caught: unknown) => (caught as { code?: string }).code)),
    );
    expect(codes).toEqual(['22021', '22P05']);
    expect(await stored('refused')).toEqual([]);
  });

  it('when texts are written as an array literal, then the store reads back every one unchanged', async () => {
    const { rows } = await sql<{ value: string | null }>`select unnest(${textArrayLiteral([...AWKWARD, null])}::text[]) as value`.execute(store.db);
    expect(rows.map((row) => row.value)).toEqual([...AWKWARD, null]);
  });
});
