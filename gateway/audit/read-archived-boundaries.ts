/**
 * Where each archived chain continues in the store, as the store notes it (`audit_archives`,
 * `audit_archive_chains`), trusted only once proven without the archive files (周政发〔2018〕6号 art. 22):
 * each month's row with its chains' rows must be what the archive's signature signed (`archiveMessage`:
 * file, SHA-256, counts, every chain's records and last hash) under a key of the audit key set, and a
 * chain's archived parts must follow one another from its first record. A boundary rewritten to hide
 * removed records, deleted, added, or noted by an archive of format 1 (which did not sign it) is named.
 * Read by `audit:verify` (with or without the archives) and by the archiver before it continues a chain.
 */
import type { Kysely } from 'kysely';
import type { PublicKeySet } from '../../platform/key-set.ts';
import type { Database } from '../../platform/store/tables.ts';
import { ArchiveProblem, archiveSignatureProblem } from './audit-archive.ts';

/** Per chain, its last archived record: after it the store's records continue. */
export type ArchivedBoundaries = Map<string, { seq: number; hash: string }>;

/** The store's archive boundaries, each month's signature and each chain's continuity verified; throws ArchiveProblem naming what does not hold. */
export async function readArchivedBoundaries(db: Kysely<Database>, keys: PublicKeySet): Promise<ArchivedBoundaries> {
  const months = await db.selectFrom('audit_archives').selectAll().orderBy('month').execute();
  const rows = await db.selectFrom('audit_archive_chains').selectAll().orderBy('month').orderBy('chain').execute();
  const byMonth = Map.groupBy(rows, (row) => row.month);
  const stray = rows.find((row) => !months.some((noted) => noted.month === row.month));
  if (stray)
    throw new ArchiveProblem(
      `chain ${stray.chain}: the store notes an archive of ${stray.month} it does not list (audit_archives) — a noted archive was deleted`,
    );
  const boundaries: ArchivedBoundaries = new Map();
  for (const noted of months) {
    const chains = (byMonth.get(noted.month) ?? []).map((row) => ({
      chain: row.chain,
      fromSeq: Number(row.from_seq),
      throughSeq: Number(row.through_seq),
      throughHash: row.through_hash,
    }));
    const content = {
      month: noted.month,
      file: noted.file,
      sha256: noted.sha256,
      records: Number(noted.records),
      subjectRows: Number(noted.subject_rows),
      chains,
    };
    const problem = await archiveSignatureProblem(keys, { ...content, keyId: noted.key_id, signature: noted.signature });
    if (problem)
      throw new ArchiveProblem(
        `archive of ${noted.month} as the store notes it (audit_archives, audit_archive_chains): ${problem} over its file, counts and where its chains end — the store's note was altered, or the month was archived in format 1, which did not sign them`,
      );
    for (const part of chains) {
      const before = boundaries.get(part.chain)?.seq ?? 0;
      if (part.fromSeq !== before + 1 || part.throughSeq < part.fromSeq)
        throw new ArchiveProblem(
          `chain ${part.chain}: the store notes its records ${part.fromSeq}–${part.throughSeq} archived in ${noted.month}, after ${before === 0 ? 'no archived record' : `archived records up to ${before}`} — a noted archive boundary was deleted or altered`,
        );
      boundaries.set(part.chain, { seq: part.throughSeq, hash: part.throughHash });
    }
  }
  return boundaries;
}
