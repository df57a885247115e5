/**
 * One record per place in a chain (周政发〔2018〕6号 art. 15, 19): since the audit tables were
 * partitioned by month (0016), the writer's duplicate guard has been (chain, seq, at), and a second
 * gateway writing under the same chain name with other times was stored, named only by `audit:verify`.
 * A unique index on the partitioned table must hold the partition key, but each partition may have
 * its own: every `audit_records` partition, DEFAULT included, gets a unique (chain, seq) index
 * (platform/store/audit-partitions.ts makes it for every partition made after this). A record
 * replayed from the spool is still the same record with the same time, skipped by (chain, seq, at)
 * before this index is reached; any other second record for a place is refused, and the writer that
 * meets the refusal stops serving (gateway/audit/store-audit-records.ts).
 *
 * Pairs a partition already holds are evidence and stay: the later record of each is left out of its
 * partition's index by id (createChainPlaceIndex). The indexes are built inside the migration's
 * transaction, not CONCURRENTLY: writes to a partition wait while its index is built, so a large
 * store is best migrated (`npm run migrate`) in a quiet hour.
 */
import { sql, type Kysely } from 'kysely';
import { chainPlaceIndexName, createChainPlaceIndex, listAuditPartitions, partitionName } from '../audit-partitions.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
type AnyDb = Kysely<any>;

async function recordPartitions(db: AnyDb): Promise<string[]> {
  const months = await listAuditPartitions(db, 'audit_records');
  return ['audit_records_default', ...months.map((month) => partitionName('audit_records', month))];
}

export async function up(db: AnyDb): Promise<void> {
  for (const partition of await recordPartitions(db)) await createChainPlaceIndex(db, partition);
}

export async function down(db: AnyDb): Promise<void> {
  for (const partition of await recordPartitions(db)) await sql`drop index if exists ${sql.id(chainPlaceIndexName(partition))}`.execute(db);
}
