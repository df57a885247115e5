/**
 * The subject-level access log (周政发〔2018〕6号 art. 22, 23), listed once per subject. Records written
 * from this release list their subjects as a subject list (gateway/audit/audit-record.ts `SubjectList`):
 * `{"hmacs": [...], "servedBy": {"<provider>": "*" | [HMACs]}}`, each HMAC once, and per provider `"*"`
 * when it served them all, instead of one list of HMACs per provider. A read joining four providers'
 * data about 100 residents listed 400 HMACs (27 kB of hex, hashed, sent and stored with every record);
 * it now lists 100.
 *
 * The index of migration 0022 is replaced by one over the HMACs either shape lists: `hmacs` of a
 * subject list, every provider's list of the records before it (which keep their shape: a record's
 * hash covers it). The shapes cannot be confused: a record before it holds only lists, a subject
 * list holds `servedBy`, an object, and `hmacs`, a list (the test audit-record.ts `isSubjectList` makes).
 *
 * Like 0022's, the index is built inside the migration's transaction, which holds audit writes while
 * it runs: migrate a large store (`npm run migrate`) in a quiet hour, before gateways of this release
 * start. `down` refuses while any record in the store or its quarantine lists its subjects as a subject
 * list: the code before this migration would take such a record for an altered one (records already
 * archived are out of its sight: an archive holding them is read only by this release's verifier; so are
 * gateways' local spools and quarantine files: let them drain into the store first).
 */
import { sql, type Kysely } from 'kysely';
import { subjectHmacsOf as subjectHmacsBefore } from './0022-subject-log-from-records.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
type AnyDb = Kysely<any>;

const isSubjectList = (subjects: string) => `(jsonb_typeof(${subjects} -> 'servedBy') = 'object' and jsonb_typeof(${subjects} -> 'hmacs') = 'array')`;

/** Whether the record's `subjects` is a subject list (else it is the provider → HMACs of a record before 0023). */
export const isSubjectListOf = (subjects: string) => sql.raw(isSubjectList(subjects));

/**
 * Every subject HMAC a record lists, whichever provider served it and whichever shape lists it: the
 * expression of the index, which a lookup must repeat exactly for the index to find the records.
 */
export const subjectHmacsOf = (subjects: string) =>
  sql.raw(`(case when ${isSubjectList(subjects)} then ${subjects} -> 'hmacs' else jsonb_path_query_array(${subjects}, '$.*[*]') end)`);

export async function up(db: AnyDb): Promise<void> {
  await sql`create index audit_records_subject_list on audit_records using gin ((${subjectHmacsOf('subjects')}) jsonb_path_ops)`.execute(db);
  await sql`drop index audit_records_subject_hmacs`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  // The migrator runs each migration in a transaction; called alone, the lock needs one of its own.
  if (!db.isTransaction) return db.transaction().execute(down);
  // No gateway adds a record between the check and the index's swap. A quarantined record is JSON text that may
  // not even parse (it was refused for its content): it is searched as the text the writer made.
  await sql`lock table audit_records, audit_quarantine in share mode`.execute(db);
  const listed = await sql<{ seq: string; chain: string }>`
    select chain, seq from audit_records where ${isSubjectListOf('subjects')}
    union all select chain, seq from audit_quarantine where position('"servedBy":{' in record) > 0
    limit 1`.execute(db);
  const first = listed.rows[0];
  if (first) {
    throw new Error(
      `Record ${first.seq} of audit chain ${first.chain} lists its subjects once per subject (migration 0023): the code before it would take such records for altered ones, so this migration is not taken back`,
    );
  }
  await sql`create index audit_records_subject_hmacs on audit_records using gin ((${subjectHmacsBefore('subjects')}) jsonb_path_ops)`.execute(db);
  await sql`drop index audit_records_subject_list`.execute(db);
}
