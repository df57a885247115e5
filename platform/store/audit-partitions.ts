/**
 * Monthly partitions of the audit table that grows with every request (`audit_records`; migration
 * 0016, which partitioned `audit_subjects` too until migration 0022 replaced it by an index): declarative RANGE partitions on the record time `at`, one per
 * China calendar month (UTC+8, no daylight saving: the month a department reads in a report), plus a
 * DEFAULT partition so that a write never fails for want of a partition. Partitions are made ahead
 * (this month and the next `ahead`) at start and daily; a new partition is created beside the table and
 * then attached, taking any rows the DEFAULT partition holds for its month with it, so writers keep
 * writing while it happens (ATTACH does not block inserts into the other partitions).
 *
 * Each `audit_records` partition, DEFAULT included, holds one record per place in a chain: a unique
 * index on (chain, seq) of its own (migration 0020). PostgreSQL keeps a unique index of a partitioned
 * table only with the partition key in it — the table-wide guard is (chain, seq, at), which a second
 * writer on the same chain name with other times passes — but takes one per partition.
 */
import { sql, type Kysely } from 'kysely';

/** The partitioned audit tables the gateway keeps partitions of. */
export const PARTITIONED_AUDIT_TABLES = ['audit_records'] as const;
/** A partitioned audit table: `audit_subjects` for the migrations that made and remove it (0016, 0021, 0022). */
export type PartitionedAuditTable = (typeof PARTITIONED_AUDIT_TABLES)[number] | 'audit_subjects';

/** A China calendar month, e.g. `2026-11`. */
export type AuditMonth = `${number}-${string}`;

/** Months made ahead of the current one; default 3. */
export const PARTITIONS_AHEAD = 3;

const CHINA_OFFSET_MS = 8 * 3_600_000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The China calendar month an instant falls in. */
export function auditMonthOf(at: Date): AuditMonth {
  const china = new Date(at.getTime() + CHINA_OFFSET_MS);
  return `${china.getUTCFullYear()}-${String(china.getUTCMonth() + 1).padStart(2, '0')}` as AuditMonth;
}

/** The first instant of a China calendar month. */
export function auditMonthStart(month: AuditMonth): Date {
  const [, year, number] = MONTH.exec(month) ?? [];
  if (!year || !number) throw new Error(`${month} is not a month (YYYY-MM)`);
  return new Date(Date.UTC(Number(year), Number(number) - 1, 1) - CHINA_OFFSET_MS);
}

/** The month `count` months after `month` (before, when negative). */
export function addAuditMonths(month: AuditMonth, count: number): AuditMonth {
  const start = new Date(auditMonthStart(month).getTime() + CHINA_OFFSET_MS);
  return auditMonthOf(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + count, 1) - CHINA_OFFSET_MS));
}

/** The partition of `table` holding `month`, e.g. `audit_records_y2026m11`. */
export function partitionName(table: PartitionedAuditTable, month: AuditMonth): string {
  return `${table}_y${month.slice(0, 4)}m${month.slice(5, 7)}`;
}

const PARTITION_NAME = /_y(\d{4})m(\d{2})$/;

// Kysely is typed by the schema; partition maintenance is DDL and catalog reads, the same for any schema.
type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- see above

/** The monthly partitions attached to `table`, oldest first (the DEFAULT partition is not one). */
export async function listAuditPartitions(db: AnyDb, table: PartitionedAuditTable): Promise<AuditMonth[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i
      join pg_class c on c.oid = i.inhrelid
      join pg_class p on p.oid = i.inhparent
    where p.relname = ${table} and p.relnamespace = to_regnamespace(current_schema())::oid`.execute(db);
  return rows
    .map((row) => PARTITION_NAME.exec(row.name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => `${match[1]}-${match[2]}` as AuditMonth)
    .sort();
}

/**
 * Creates `table`'s partition for `month` unless it is attached: made beside the table, filled with the
 * rows its DEFAULT partition holds for the month, then attached — one transaction, serialised between
 * instances by an advisory lock, so two gateways starting together make it once.
 */
async function createAuditPartition(db: AnyDb, table: PartitionedAuditTable, month: AuditMonth): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('audit partitions'))`.execute(trx);
    if ((await listAuditPartitions(trx, table)).includes(month)) return false;
    await createAuditPartitionIn(trx, table, month);
    return true;
  });
}

/** The partition made and attached inside the caller's transaction (a migration's). */
export async function createAuditPartitionIn(trx: AnyDb, table: PartitionedAuditTable, month: AuditMonth): Promise<void> {
  const name = partitionName(table, month);
  const from = auditMonthStart(month).toISOString();
  const to = auditMonthStart(addAuditMonths(month, 1)).toISOString();
  // Storage (0021: a record's subjects out of line, uncompressed) and checks go with the columns; attached, the
  // partition takes the table's indexes (0023: the subject log's GIN index among them).
  await sql`create table ${sql.id(name)} (like ${sql.id(table)} including defaults including storage including constraints)`.execute(trx);
  await sql`
    with moved as (delete from ${sql.id(`${table}_default`)} where at >= ${from}::timestamptz and at < ${to}::timestamptz returning *)
    insert into ${sql.id(name)} select * from moved`.execute(trx);
  if (table === 'audit_records') await createChainPlaceIndex(trx, name);
  await sql`alter table ${sql.id(table)} attach partition ${sql.id(name)} for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(trx);
}

/** The name of the (chain, seq) index of an `audit_records` partition, e.g. `audit_records_y2026m11_chain_place`. */
export function chainPlaceIndexName(partition: string): string {
  return `${partition}_chain_place`;
}

/** Whether a store error is a second record for a place in a chain some partition already holds. */
export function isChainPlaceTaken(error: unknown): boolean {
  const { code, constraint, message } = (error ?? {}) as { code?: unknown; constraint?: unknown; message?: unknown };
  const name = typeof constraint === 'string' ? constraint : typeof message === 'string' ? message : '';
  return code === '23505' && /audit_records_\w+_chain_place\b/.test(name);
}

/**
 * The unique (chain, seq) index of one `audit_records` partition, unless it has it. Records a partition
 * already holds twice for one place (two writers on one chain name before the index existed) are
 * evidence, never deleted: the later of each such pair is left out of the index by its id, so the
 * index takes no further record for any of those places, and `audit:verify` still names the pair.
 */
export async function createChainPlaceIndex(db: AnyDb, partition: string): Promise<void> {
  const { rows } = await sql<{ id: string }>`
    select id from (select id, row_number() over (partition by chain, seq order by id) as n from ${sql.id(partition)}) d where n > 1 order by id`.execute(db);
  const index = sql.id(chainPlaceIndexName(partition));
  if (rows.length === 0) {
    await sql`create unique index if not exists ${index} on ${sql.id(partition)} (chain, seq)`.execute(db);
    return;
  }
  const later = sql.lit(`{${rows.map((row) => String(row.id)).join(',')}}`);
  await sql`create unique index if not exists ${index} on ${sql.id(partition)} (chain, seq) where id <> all (${later}::bigint[])`.execute(db);
}

/**
 * Makes sure every partitioned audit table has its partitions from `from`'s month (default: this
 * month) to `ahead` months after this month. Returns the partitions it created.
 */
export async function ensureAuditPartitions(db: AnyDb, options: { now: Date; from?: Date; ahead?: number }): Promise<string[]> {
  const last = addAuditMonths(auditMonthOf(options.now), options.ahead ?? PARTITIONS_AHEAD);
  const created: string[] = [];
  for (const table of PARTITIONED_AUDIT_TABLES) {
    for (let month = auditMonthOf(options.from ?? options.now); month <= last; month = addAuditMonths(month, 1)) {
      if (await createAuditPartition(db, table, month)) created.push(partitionName(table, month));
    }
  }
  return created;
}

const DAY_MS = 86_400_000;

/**
 * Partitions made now and then once a day (a timer that does not keep the process alive); the first
 * run is awaited, so a start fails when the store cannot make them. Returns the stop function.
 */
export async function startAuditPartitionMaintenance(db: AnyDb, options: { now: () => Date; onError: (error: unknown) => void }): Promise<() => void> {
  await ensureAuditPartitions(db, { now: options.now() });
  const timer = setInterval(() => void ensureAuditPartitions(db, { now: options.now() }).catch(options.onError), DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
