/**
 * Audit at province scale (周政发〔2018〕6号 art. 22; network logs kept at least six months): the audit
 * tables that grow with every request, `audit_records` and `audit_subjects`, become partitioned by
 * RANGE on the record time `at`, one partition per China calendar month plus a DEFAULT partition
 * (platform/store/audit-partitions.ts), so a month past its retention is archived and dropped whole
 * instead of deleted row by row. The rows already stored are copied into their months.
 *
 * A partitioned table's unique constraints must hold the partition key: the primary key of
 * `audit_records` becomes (id, at) (ids still come from one sequence) and the writer's duplicate guard
 * (chain, seq) becomes (chain, seq, at) — a record replayed from the spool is the same record with the
 * same time, so a replay still inserts nothing twice; two records with one place in a chain and
 * different times can only be an insertion, which `audit:verify` names. `audit_subjects`' key already
 * held `at`.
 *
 * Archived months are written down: `audit_archives` (the month, its signed file and what it held) and
 * `audit_archive_chains` (per month and chain, the records it took and the last one's hash), so a chain
 * whose beginning was archived still verifies from where the store's part of it begins, and its
 * writer continues it after a restart.
 */
import { sql, type Kysely } from 'kysely';
import { addAuditMonths, auditMonthOf, createAuditPartitionIn, PARTITIONS_AHEAD, type AuditMonth } from '../audit-partitions.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
type AnyDb = Kysely<any>;

async function partition(db: AnyDb, table: 'audit_records' | 'audit_subjects'): Promise<void> {
  const old = `${table}_unpartitioned`;
  await sql`alter table ${sql.id(table)} rename to ${sql.id(old)}`.execute(db);
  if (table === 'audit_records') await sql`alter sequence audit_records_id_seq owned by none`.execute(db);
  await sql`create table ${sql.id(table)} (like ${sql.id(old)} including defaults) partition by range (at)`.execute(db);
  await sql`create table ${sql.id(`${table}_default`)} partition of ${sql.id(table)} default`.execute(db);
  const { rows } = await sql<{ first: Date | string | null }>`select min(at) as first from ${sql.id(old)}`.execute(db);
  const first = rows[0]?.first ? auditMonthOf(new Date(rows[0].first)) : auditMonthOf(new Date());
  const { rows: lasts } = await sql<{ last: Date | string | null }>`select max(at) as last from ${sql.id(old)}`.execute(db);
  const ahead = addAuditMonths(auditMonthOf(new Date()), PARTITIONS_AHEAD);
  const lastStored = lasts[0]?.last ? auditMonthOf(new Date(lasts[0].last)) : ahead;
  const last: AuditMonth = lastStored > ahead ? lastStored : ahead;
  for (let month = first; month <= last; month = addAuditMonths(month, 1)) await createAuditPartitionIn(db, table, month);
  await sql`insert into ${sql.id(table)} select * from ${sql.id(old)}`.execute(db);
  await sql`drop table ${sql.id(old)}`.execute(db);
}

export async function up(db: AnyDb): Promise<void> {
  await partition(db, 'audit_records');
  await sql`alter sequence audit_records_id_seq owned by audit_records.id`.execute(db);
  await sql`alter table audit_records add constraint audit_records_pkey primary key (id, at)`.execute(db);
  await sql`alter table audit_records add constraint audit_records_chain_seq unique (chain, seq, at)`.execute(db);
  await db.schema.createIndex('audit_records_dept_at_id').on('audit_records').columns(['dept', 'at', 'id']).execute();
  await db.schema.createIndex('audit_records_at_id').on('audit_records').columns(['at', 'id']).execute();
  await db.schema.createIndex('audit_records_request').on('audit_records').column('request_id').execute();
  await sql`create index audit_records_providers on audit_records using gin (providers)`.execute(db);
  await sql`create index audit_records_refused on audit_records (dept, at) where outcome = 'REFUSED'`.execute(db);

  await partition(db, 'audit_subjects');
  await sql`alter table audit_subjects add constraint audit_subjects_pkey primary key (subject_hmac, at, chain, seq, provider)`.execute(db);
  await db.schema.createIndex('audit_subjects_chain_seq').on('audit_subjects').columns(['chain', 'seq']).execute();

  await db.schema
    .createTable('audit_archives')
    .addColumn('month', 'text', (c) => c.primaryKey())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('records', 'bigint', (c) => c.notNull())
    .addColumn('subject_rows', 'bigint', (c) => c.notNull())
    .addColumn('archived_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('audit_archive_chains')
    .addColumn('month', 'text', (c) => c.notNull().references('audit_archives.month'))
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('from_seq', 'bigint', (c) => c.notNull())
    .addColumn('through_seq', 'bigint', (c) => c.notNull())
    .addColumn('through_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_archive_chains_pk', ['chain', 'month'])
    .execute();
}

/** Back to one table each; archived months stay in their files. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('audit_archive_chains').execute();
  await db.schema.dropTable('audit_archives').execute();
  for (const table of ['audit_subjects', 'audit_records'] as const) {
    const old = `${table}_partitioned`;
    await sql`alter table ${sql.id(table)} rename to ${sql.id(old)}`.execute(db);
    if (table === 'audit_records') await sql`alter sequence audit_records_id_seq owned by none`.execute(db);
    await sql`create table ${sql.id(table)} (like ${sql.id(old)} including defaults)`.execute(db);
    await sql`insert into ${sql.id(table)} select * from ${sql.id(old)}`.execute(db);
    await sql`drop table ${sql.id(old)} cascade`.execute(db);
  }
  await sql`alter sequence audit_records_id_seq owned by audit_records.id`.execute(db);
  await sql`alter table audit_records add primary key (id)`.execute(db);
  await sql`alter table audit_records add constraint audit_records_chain_seq unique (chain, seq)`.execute(db);
  await db.schema.createIndex('audit_records_dept_at_id').on('audit_records').columns(['dept', 'at', 'id']).execute();
  await db.schema.createIndex('audit_records_at_id').on('audit_records').columns(['at', 'id']).execute();
  await db.schema.createIndex('audit_records_request').on('audit_records').column('request_id').execute();
  await sql`create index audit_records_providers on audit_records using gin (providers)`.execute(db);
  await sql`create index audit_records_refused on audit_records (dept, at) where outcome = 'REFUSED'`.execute(db);
  await sql`alter table audit_subjects add primary key (subject_hmac, at, chain, seq, provider)`.execute(db);
  await db.schema.createIndex('audit_subjects_chain_seq').on('audit_subjects').columns(['chain', 'seq']).execute();
}
