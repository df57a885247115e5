/**
 * Archiving a month of the audit trail past its retention (周政发〔2018〕6号 art. 22; the profile's
 * `auditRetentionMonths`, at least six): per chain, its records of the month (and any later-stored
 * record that precedes one of them in the chain: a request that ended just after midnight but was
 * chained first), their subject rows (one per provider and subject each record lists), the checkpoints covering them and their quarantined records go
 * into one gzip'd NDJSON file with the result of verifying them, signed with the audit key (the
 * signature covers where each chain's part ends, so the store's note of it is verifiable without the
 * file). The file is then read back and verified from its bytes alone — the checkpoints and quarantined
 * records read back must be those written — and only then, in one transaction, the month is noted
 * (`audit_archives`, `audit_archive_chains`, with the signature) and its partition is detached and
 * dropped. Fail closed: any failure leaves the store as it was and throws naming the cause.
 *
 * Checkpoints and quarantined records stay in the store (they are few): the anchors outside the store
 * keep matching them, and the chain verifies from the archived boundary without the archives.
 */
import { once } from 'node:events';
import { closeSync, createWriteStream, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { KeyPair } from '../../platform/keys.ts';
import type { PublicKeySet } from '../../platform/key-set.ts';
import { addAuditMonths, auditMonthStart, listAuditPartitions, partitionName, type AuditMonth } from '../../platform/store/audit-partitions.ts';
import type { Database } from '../../platform/store/tables.ts';
import { CHECKPOINT_CADENCE, type Checkpoint, type CheckpointCadence } from './audit-checkpoint.ts';
import {
  ARCHIVE_FORMAT,
  archivedSubjectRows,
  compareChainNames,
  rowToCheckpoint,
  rowToRecord,
  storedInstant,
  toArchiveLine,
  type ArchiveLine,
} from './audit-codec.ts';
import {
  ArchiveProblem,
  archiveFileName,
  fileSha256,
  openArchive,
  signArchive,
  signatureFileName,
  type ArchivedChain,
  type ArchivedMonth,
} from './audit-archive.ts';
import { GENESIS_HASH } from './audit-record.ts';
import { readArchivedBoundaries } from './read-archived-boundaries.ts';
import { readCheckpointRows, readQuarantineRows, readRecordPage, readStoreRecordPages, verifyChainSlice } from './verify-audit-chain.ts';

export interface ArchiveMonthOptions {
  /** ARCHIVE_DIR. */
  dir: string;
  /** The current audit signing key. */
  key: KeyPair;
  /** Every audit public key: the file is verified with them before anything is dropped. */
  keys: PublicKeySet;
  cadence?: CheckpointCadence;
  now: Date;
}

export interface ArchivedMonthResult {
  month: string;
  file: string;
  records: number;
  subjectRows: number;
  chains: ArchivedChain[];
}

/** The refusal to archive: nothing was dropped. */
export class ArchiveRefused extends Error {}

/** The months whose partitions lie wholly beyond `retentionMonths` before `now`, oldest first. */
export async function monthsPastRetention(db: Kysely<Database>, retentionMonths: number, now: Date): Promise<AuditMonth[]> {
  const months = await listAuditPartitions(db, 'audit_records');
  return months.filter((month) => auditMonthStart(addAuditMonths(month, 1 + retentionMonths)).getTime() <= now.getTime());
}

async function writeLine(stream: NodeJS.WritableStream, line: ArchiveLine): Promise<void> {
  if (!stream.write(toArchiveLine(line))) await once(stream, 'drain');
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Archives `month` (the oldest partition), verifies the file, then drops the month's partitions. */
export async function archiveAuditMonth(db: Kysely<Database>, month: AuditMonth, options: ArchiveMonthOptions): Promise<ArchivedMonthResult> {
  const cadence = options.cadence ?? CHECKPOINT_CADENCE;
  const from = auditMonthStart(month);
  const to = auditMonthStart(addAuditMonths(month, 1));
  const partitions = await listAuditPartitions(db, 'audit_records');
  if (!partitions.includes(month)) throw new ArchiveRefused(`${month}: no such audit partition (partitions: ${partitions.join(', ') || 'none'})`);
  if (partitions[0] !== month) throw new ArchiveRefused(`${month}: the older month ${partitions[0]} is still in the store — months are archived oldest first`);
  const early = await sql<{ n: string }>`select count(*) as n from audit_records_default where at < ${to.toISOString()}::timestamptz`.execute(db);
  if (Number(early.rows[0]?.n ?? 0) > 0)
    throw new ArchiveRefused(
      `${month}: the DEFAULT partition holds ${early.rows[0]!.n} record(s) from before ${to.toISOString()} (replayed after their month was archived); archive them by hand first`,
    );

  // Per chain: where its previous archive ended (only as the archives' signatures prove it), and its last record of this month.
  const previous = await readArchivedBoundaries(db, options.keys).catch((error: unknown) => {
    throw error instanceof ArchiveProblem ? new ArchiveRefused(`${month}: not archived, nothing dropped: ${error.message}`) : error;
  });
  const lasts = await readChainEnds(db, from, to);

  const file = archiveFileName(month);
  const path = join(options.dir, file);
  const partial = join(options.dir, `.${file}.partial`);
  const chains: ArchivedChain[] = [];
  let records = 0;
  let subjectRows = 0;
  let checkpoints = 0;
  let quarantinedCount = 0;
  /** Per chain, the checkpoint and quarantine lines written: the read-back must find the same. */
  const written = new Map<string, { checkpoints: number; quarantined: number }>();
  let archived: ArchivedMonth | undefined;
  let streams: Array<{ destroy(): void }> = [];
  try {
    mkdirSync(options.dir, { recursive: true });
    const gzip = createGzip();
    const out = createWriteStream(partial, { flags: 'w', mode: 0o640 });
    streams = [gzip, out];
    const closed = once(out, 'close');
    const failed = new Promise<never>((_, reject) => {
      out.once('error', reject);
      gzip.once('error', reject);
    });
    gzip.pipe(out);
    const run = async () => {
      await writeLine(gzip, {
        kind: 'header',
        format: ARCHIVE_FORMAT,
        month,
        from: from.toISOString(),
        to: to.toISOString(),
        createdAt: options.now.toISOString(),
      });
      for (const { chain, through: max } of lasts) {
        const start = previous.get(chain) ?? { seq: 0, hash: GENESIS_HASH };
        const through = Number(max);
        if (through <= start.seq) continue;
        const [last] = await readRecordPage(db, chain, through - 1, 1);
        const summary: ArchivedChain = { chain, fromSeq: start.seq + 1, throughSeq: through, throughHash: last!.hash, previousHash: start.hash };
        await writeLine(gzip, { kind: 'chain', ...summary });
        // The checkpoints over its records, and the first after them (it covers the end of this month's part).
        const allMarks = (await readCheckpointRows(db, chain)).map(rowToCheckpoint);
        const marks: Checkpoint[] = allMarks.filter((c) => c.seq > start.seq && c.seq <= through);
        const after = allMarks.find((c) => c.seq > through);
        const chainMarks = after ? [...marks, after] : marks;
        for (const checkpoint of chainMarks) await writeLine(gzip, { kind: 'checkpoint', checkpoint });
        const quarantined = (await readQuarantineRows(db, chain)).filter((row) => Number(row.seq) > start.seq && Number(row.seq) <= through);
        for (const row of quarantined) await writeLine(gzip, { kind: 'quarantined', row: { ...row, quarantined_at: storedInstant(row.quarantined_at) } });
        written.set(chain, { checkpoints: chainMarks.length, quarantined: quarantined.length });
        async function* pages() {
          for await (const stored of readStoreRecordPages(db, chain, start.seq, through)) {
            // The subject rows the record lists, one per provider: what every archive keeps beside a record.
            const page = stored.map((row) => ({ row: { ...row, at: storedInstant(row.at) }, subjects: archivedSubjectRows(rowToRecord(row)) }));
            for (const entry of page) {
              await writeLine(gzip, { kind: 'record', row: entry.row, subjects: entry.subjects });
              subjectRows += entry.subjects.length;
            }
            records += page.length;
            yield page;
          }
        }
        const place = `the store's month ${month}`;
        const { report, problem } = await verifyChainSlice(db, { chain, start, through, marks, quarantined, pages: pages(), place }, options.keys, cadence);
        if (problem) throw new ArchiveRefused(`${month}: does not verify, not archived: ${problem}`);
        checkpoints += report.checkpoints;
        quarantinedCount += report.quarantined.length;
        chains.push(summary);
      }
      await writeLine(gzip, { kind: 'verification', ok: true, records, checkpoints, subjectRows, quarantined: quarantinedCount });
      gzip.end();
      await closed;
    };
    await Promise.race([run(), failed]);
    fsyncPath(partial);
    renameSync(partial, path);
    fsyncPath(options.dir);
    const signature = await signArchive(options.key, { month, file, sha256: await fileSha256(path), records, subjectRows, chains });
    const signaturePath = join(options.dir, signatureFileName(file));
    writeFileSync(`${signaturePath}.partial`, `${JSON.stringify(signature, null, 2)}\n`, { mode: 0o640 });
    fsyncPath(`${signaturePath}.partial`);
    renameSync(`${signaturePath}.partial`, signaturePath);
    fsyncPath(options.dir);

    // Read back from the bytes written: the signature, the lines written, then every chain's part verified again from the file alone.
    const readBack = await openArchive(options.dir, month, options.keys);
    archived = readBack;
    let reread = 0;
    for (const summary of chains) {
      const again = readBack.chains.get(summary.chain);
      if (!again || again.throughSeq !== summary.throughSeq || again.throughHash !== summary.throughHash)
        throw new ArchiveRefused(`${month}: the file read back does not hold chain ${summary.chain} as written`);
      const wrote = written.get(summary.chain)!;
      const read = {
        checkpoints: readBack.checkpoints.filter((c) => c.chain === summary.chain).length,
        quarantined: readBack.quarantined.filter((row) => row.chain === summary.chain).length,
      };
      for (const kind of ['checkpoints', 'quarantined'] as const)
        if (read[kind] !== wrote[kind])
          throw new ArchiveRefused(
            `${month}: the file read back holds ${read[kind]} ${kind === 'checkpoints' ? 'checkpoint' : 'quarantined record'}(s) of chain ${summary.chain}, ${wrote[kind]} were written — the file was not written as read`,
          );
      const { report, problem } = await verifyChainSlice(
        db,
        {
          chain: summary.chain,
          start: { seq: summary.fromSeq - 1, hash: summary.previousHash },
          through: summary.throughSeq,
          marks: readBack.checkpoints.filter((c) => c.chain === summary.chain && c.seq <= summary.throughSeq),
          quarantined: readBack.quarantined.filter((row) => row.chain === summary.chain),
          pages: readBack.records.pages(summary.chain),
          place: `the archive ${file}`,
        },
        options.keys,
        cadence,
      );
      if (problem) throw new ArchiveRefused(`${month}: the file read back does not verify: ${problem}`);
      reread += report.records;
    }
    await readBack.records.close();
    if (reread !== records) throw new ArchiveRefused(`${month}: the file read back holds ${reread} records, ${records} were written`);

    await db.transaction().execute(async (trx) => {
      // Nothing may reach the month between reading it and dropping it: with the tables locked (the
      // detach needs this lock anyway), the month and the DEFAULT partition must be as they were read.
      await sql`lock table audit_records in access exclusive mode`.execute(trx);
      const now = await readChainEnds(trx, from, to);
      const lateEarly = await sql<{ n: string }>`select count(*) as n from audit_records_default where at < ${to.toISOString()}::timestamptz`.execute(trx);
      if (
        JSON.stringify(now.map((r) => [r.chain, String(r.through)])) !== JSON.stringify(lasts.map((r) => [r.chain, String(r.through)])) ||
        Number(lateEarly.rows[0]?.n ?? 0) > 0
      )
        throw new ArchiveRefused(`${month}: records reached the month while it was being archived; run the archive again`);
      await trx
        .insertInto('audit_archives')
        .values({
          month,
          file,
          sha256: readBack.signature.sha256,
          key_id: readBack.signature.keyId,
          signature: readBack.signature.signature,
          records,
          subject_rows: subjectRows,
          archived_at: options.now,
        })
        .execute();
      for (const c of chains) {
        await trx
          .insertInto('audit_archive_chains')
          .values({ month, chain: c.chain, from_seq: c.fromSeq, through_seq: c.throughSeq, through_hash: c.throughHash })
          .execute();
        // Records of this chain's part stored in a later month (chained before the last of this month): archived, so removed.
        await trx
          .deleteFrom('audit_records')
          .where('chain', '=', c.chain)
          .where('seq', '>', String(c.fromSeq - 1))
          .where('seq', '<=', String(c.throughSeq))
          .where('at', '>=', to)
          .execute();
      }
      await sql`alter table audit_records detach partition ${sql.id(partitionName('audit_records', month))}`.execute(trx);
      await sql`drop table ${sql.id(partitionName('audit_records', month))}`.execute(trx);
    });
    return { month, file, records, subjectRows, chains };
  } catch (error) {
    await archived?.records.close();
    for (const stream of streams) stream.destroy();
    try {
      rmSync(partial, { force: true });
    } catch {
      // nothing was written there (the directory is not one); the cause below says why
    }
    if (error instanceof ArchiveRefused) throw error;
    throw new ArchiveRefused(`${month}: not archived, nothing dropped: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Each chain's last record in [from, to), in code-unit order of chain names: the order the verifier
 * reads chains in (the read-back and `audit:verify` then read each file once), whatever the
 * database's collation, so that two readings compare line by line.
 */
async function readChainEnds(db: Kysely<Database>, from: Date, to: Date) {
  const ends = await db
    .selectFrom('audit_records')
    .select(['chain', (eb) => eb.fn.max('seq').as('through')])
    .where('at', '>=', from)
    .where('at', '<', to)
    .groupBy('chain')
    .execute();
  return ends.sort((a, b) => compareChainNames(a.chain, b.chain));
}
