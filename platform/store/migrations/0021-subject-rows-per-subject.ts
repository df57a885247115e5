/**
 * The subject-level access log (周政发〔2018〕6号 art. 22, 23) at the cost of a batch read: one
 * `audit_subjects` row per record and subject, naming every provider that served the subject to it
 * (`providers`, sorted), instead of one row per provider. A query joining four departments' data on
 * 100 residents wrote 400 rows, each with two index entries; it now writes 100. What a row says is
 * unchanged: the record's own `subjects` (hashed into its chain) lists the same pairs, and
 * `audit:verify` and the archive compare the rows with it provider by provider.
 *
 * Its key becomes (subject_hmac, at, chain, seq); the (chain, seq) index the verifier and the
 * archiver read stays. A row must name at least one provider. The rows already stored are merged in
 * the migration's transaction, which holds audit writes and subject lookups while it runs: a large
 * store is best migrated (`npm run migrate`) in a quiet hour, before gateways of this release start
 * (a gateway of the release before meets the changed table, spools its records and replays them once
 * it is replaced).
 *
 * A record's own `subjects` (keyed HMACs, hex: 27 kB for that query) is stored out of line without
 * compression (STORAGE EXTERNAL): pglz tried each value and gave up, as hex does not shrink by the
 * quarter it asks for, at about 1 ms a record. Partitions made later take the storage with the columns
 * (platform/store/audit-partitions.ts).
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
type AnyDb = Kysely<any>;

const HELD = 'audit_subjects_0021';

export async function up(db: AnyDb): Promise<void> {
  await sql`create table ${sql.id(HELD)} as
    select subject_hmac, at, chain, seq, array_agg(distinct provider collate "C" order by provider collate "C") as providers
    from audit_subjects group by subject_hmac, at, chain, seq`.execute(db);
  await sql`alter table audit_subjects drop constraint audit_subjects_pkey`.execute(db);
  await sql`truncate audit_subjects`.execute(db);
  await sql`alter table audit_subjects drop column provider`.execute(db);
  await sql`alter table audit_subjects add column providers text[] not null constraint audit_subjects_providers_named check (cardinality(providers) > 0)`.execute(
    db,
  );
  await sql`insert into audit_subjects (subject_hmac, at, chain, seq, providers) select subject_hmac, at, chain, seq, providers from ${sql.id(HELD)}`.execute(
    db,
  );
  await sql`drop table ${sql.id(HELD)}`.execute(db);
  await sql`alter table audit_subjects add constraint audit_subjects_pkey primary key (subject_hmac, at, chain, seq)`.execute(db);
  await sql`alter table audit_records alter column subjects set storage external`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`alter table audit_records alter column subjects set storage extended`.execute(db);
  await sql`create table ${sql.id(HELD)} as select subject_hmac, at, chain, seq, unnest(providers) as provider from audit_subjects`.execute(db);
  await sql`alter table audit_subjects drop constraint audit_subjects_pkey`.execute(db);
  await sql`truncate audit_subjects`.execute(db);
  await sql`alter table audit_subjects drop column providers`.execute(db);
  await sql`alter table audit_subjects add column provider text not null`.execute(db);
  await sql`insert into audit_subjects (subject_hmac, at, chain, seq, provider) select subject_hmac, at, chain, seq, provider from ${sql.id(HELD)}`.execute(db);
  await sql`drop table ${sql.id(HELD)}`.execute(db);
  await sql`alter table audit_subjects add constraint audit_subjects_pkey primary key (subject_hmac, at, chain, seq, provider)`.execute(db);
}
