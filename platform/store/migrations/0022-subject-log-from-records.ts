/**
 * The subject-level access log (周政发〔2018〕6号 art. 22, 23) read from the records themselves: a GIN
 * index over the subject HMACs each record lists (`subjects`, provider → HMACs, hashed into its chain)
 * takes the place of the `audit_subjects` table. A record listing 100 residents wrote 100 rows with two
 * B-tree entries each, at random places of a large key; it now adds 100 small hashed keys to one index
 * (jsonb_path_ops). Measured on PostgreSQL, groups of 320 such records: 370–480 ms a group for the rows,
 * 18–32 ms for the index, and the index is a sixteenth of the table's size.
 *
 * Nothing of the log is stored apart from the hashed record any more, so there are no rows to insert
 * without their record, alter, verify or archive beside it: a lookup finds the records whose own list
 * holds the HMAC. An archive keeps one subject row per provider as before (derived from each record),
 * so archives made before and after read and verify alike.
 *
 * The index is built inside the migration's transaction, which holds audit writes while it runs: a large
 * store is best migrated (`npm run migrate`) in a quiet hour, before gateways of this release start.
 * `down` rebuilds the table of migration 0021 from the records.
 */
import { sql, type Kysely } from 'kysely';
import { createAuditPartitionIn, listAuditPartitions } from '../audit-partitions.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
type AnyDb = Kysely<any>;

/**
 * Every subject HMAC a record lists, whichever provider served it: the expression of the index, which a
 * lookup must repeat exactly (the path inline, not a parameter) for the index to find the records.
 */
export const subjectHmacsOf = (subjects: string) => sql.raw(`jsonb_path_query_array(${subjects}, '$.*[*]')`);

export async function up(db: AnyDb): Promise<void> {
  await sql`create index audit_records_subject_hmacs on audit_records using gin ((${subjectHmacsOf('subjects')}) jsonb_path_ops)`.execute(db);
  await sql`drop table audit_subjects`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`create table audit_subjects (
    subject_hmac text not null, at timestamptz not null, chain text not null, seq bigint not null,
    providers text[] not null constraint audit_subjects_providers_named check (cardinality(providers) > 0)
  ) partition by range (at)`.execute(db);
  await sql`create table audit_subjects_default partition of audit_subjects default`.execute(db);
  for (const month of await listAuditPartitions(db, 'audit_records')) await createAuditPartitionIn(db, 'audit_subjects', month);
  await sql`insert into audit_subjects (subject_hmac, at, chain, seq, providers)
    select h.hmac, r.at, r.chain, r.seq, array_agg(distinct p.provider collate "C" order by p.provider collate "C")
    from audit_records r
      cross join lateral jsonb_each(r.subjects) p(provider, hmacs)
      cross join lateral jsonb_array_elements_text(p.hmacs) h(hmac)
    group by h.hmac, r.at, r.chain, r.seq`.execute(db);
  await sql`alter table audit_subjects add constraint audit_subjects_pkey primary key (subject_hmac, at, chain, seq)`.execute(db);
  await db.schema.createIndex('audit_subjects_chain_seq').on('audit_subjects').columns(['chain', 'seq']).execute();
  await sql`drop index audit_records_subject_hmacs`.execute(db);
}
