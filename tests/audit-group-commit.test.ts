/**
 * A group commit is one statement (store-audit-records.ts), on PGlite and PostgreSQL: records come
 * back exactly as written, ids in chain order, the subject rows are exactly the subjects each stored
 * record lists (none, one provider's, several providers' thousands), a replayed group inserts
 * nothing twice, and a group written as several statements (beyond the statement's size) is still
 * stored all or none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { auditEntry } from './support/audit-fixtures.ts';
import { recordHashHolds, recordSubjectRows, rowToRecord, subjectRowsByProvider } from '../gateway/audit/audit-codec.ts';
import { isContentRefusal } from '../gateway/audit/audit-quarantine.ts';
import { chainRecord, GENESIS_HASH, type AuditEntry, type ChainedRecord } from '../gateway/audit/audit-record.ts';
import { insertAuditGroup, textArrayLiteral } from '../gateway/audit/store-audit-records.ts';
import type { Store } from '../platform/store/database.ts';
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
  /** The subject rows stored for `chain`, one line per subject and provider. */
  const subjectRows = async (chain: string) =>
    (await store.db.selectFrom('audit_subjects').selectAll().where('chain', '=', chain).execute())
      .flatMap(subjectRowsByProvider)
      .map((row) => `${row.seq} ${row.provider} ${row.subject_hmac} ${new Date(row.at).toISOString()}`)
      .sort();
  const expectedSubjectRows = (records: ChainedRecord[]) => [
    ...new Set(
      records
        .flatMap(recordSubjectRows)
        .flatMap(subjectRowsByProvider)
        .map((row) => `${row.seq} ${row.provider} ${row.subject_hmac} ${new Date(row.at).toISOString()}`),
    ),
  ];

  it('when a group mixes records without subjects and with thousands, then each comes back as written, in chain order, with exactly its subject rows', async () => {
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
      // A subject listed twice by one provider is one row.
      auditEntry('twice', { subjects: { 'public-security': [hmac(5), hmac(5)] }, code: 'RATE_LIMITED', outcome: 'REJECTED', documentHash: 'd'.repeat(64) }),
      auditEntry('awkward', { matter: AWKWARD.join('|'), operationName: '"q"', providers: AWKWARD, roles: AWKWARD, purpose: null }),
      auditEntry('no providers', { providers: [], served: {}, granted: [] }),
    ]);
    await insertAuditGroup(store.db, records);
    const rows = await stored(chain);
    expect(rows.map(({ record }) => record)).toEqual(records);
    expect(rows.map(({ record }) => record.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rows.every(({ record }) => recordHashHolds(record))).toBe(true);
    const subjects = await subjectRows(chain);
    expect(subjects).toEqual(expectedSubjectRows(records).sort());
    expect(subjects).toHaveLength(1 + 3_500 + 1);
    // One row per record and subject: a subject both providers served is one row naming both.
    const many = await store.db.selectFrom('audit_subjects').select(['subject_hmac', 'providers']).where('chain', '=', chain).where('seq', '=', '4').execute();
    expect(many).toHaveLength(2_000);
    expect(many.find((row) => row.subject_hmac === hmac(7))?.providers).toEqual(['human-resources', 'public-security']);
    expect(many.find((row) => row.subject_hmac === hmac(1_999))?.providers).toEqual(['public-security']);
  });

  it('when a group is replayed, alone or with new records after it, then nothing is inserted twice and only the new records add subject rows', async () => {
    const chain = 'replayed';
    const records = chained(
      chain,
      Array.from({ length: 6 }, (_v, i) => auditEntry(`r${i}`, i % 2 ? { subjects: { 'public-security': [hmac(i), hmac(i + 100)] } } : {})),
    );
    await insertAuditGroup(store.db, records.slice(0, 4));
    const before = { records: await stored(chain), subjects: await subjectRows(chain) };
    await insertAuditGroup(store.db, records.slice(0, 4));
    expect(await stored(chain)).toEqual(before.records);
    expect(await subjectRows(chain)).toEqual(before.subjects);
    await insertAuditGroup(store.db, records);
    const after = await stored(chain);
    expect(after.map(({ record }) => record)).toEqual(records);
    expect(after.slice(0, 4)).toEqual(before.records);
    expect(await subjectRows(chain)).toEqual(expectedSubjectRows(records).sort());
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
    expect(await subjectRows(chain)).toEqual([]);
    await insertAuditGroup(store.db, records, 6_000);
    const rows = await stored(chain);
    expect(rows.map(({ record }) => record)).toEqual(records);
    expect(rows.map(({ id }) => id)).toEqual(rows.map(({ id }) => id).sort((a, b) => a - b));
    expect(await subjectRows(chain)).toEqual(expectedSubjectRows(records).sort());
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

  it('when a subject row of a new record is already stored (an orphan, written without its record), then the group is refused as content and leaves nothing', async () => {
    const chain = 'orphan';
    const records = chained(chain, [
      auditEntry('before', { subjects: { 'public-security': [hmac(1)] } }),
      auditEntry('orphaned', { subjects: { 'public-security': [hmac(2), hmac(3)] } }),
    ]);
    await store.db
      .insertInto('audit_subjects')
      .values({ subject_hmac: hmac(3), at: records[1]!.at, chain, seq: '2', providers: ['public-security'] })
      .execute();
    const error = await insertAuditGroup(store.db, records).catch((caught: unknown) => caught);
    expect((error as { code?: string }).code).toBe('23505');
    expect(isContentRefusal(error)).toBe(true);
    expect(await stored(chain)).toEqual([]);
    expect(await subjectRows(chain)).toEqual([`2 public-security ${hmac(3)} ${records[1]!.at}`]);
  });

  it('when texts are written as an array literal, then the store reads back every one unchanged', async () => {
    const { rows } = await sql<{ value: string | null }>`select unnest(${textArrayLiteral([...AWKWARD, null])}::text[]) as value`.execute(store.db);
    expect(rows.map((row) => row.value)).toEqual([...AWKWARD, null]);
  });
});
