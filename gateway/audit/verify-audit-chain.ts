/**
 * Checks every audit chain in the store: records numbered 1, 2, 3… without gaps, each linking the
 * previous record's hash, each hash matching its content; every checkpoint signed by a key of the
 * audit key set (looked up by its key id) over the hash the chain has at that point; checkpoints at
 * the promised cadence (no more than `records` records, nor a time span over `intervalMs`, between
 * two of them, and no unsigned tail older than that); and every checkpoint anchored outside the
 * store present and equal in the store. The first break is reported naming chain, records and times.
 * A record the store refused is found in `audit_quarantine` and accepted in its place only when its
 * JSON hashes to the hash the chain links through; it counts toward the cadence like any record, and
 * quarantined records are listed in the report. Every kept operation document must hash to the hash it
 * is kept under (the hash a record's own hash covers), so neither a record's reference nor the document
 * it names can be changed unnoticed.
 * The subject log is an index over the subjects each record lists (subject HMACs and the providers that
 * served each, covered by the record's hash; migrations 0022, 0023), so the store's part of it holds nothing to check apart from
 * the records. An archive keeps subject rows beside each record: they must be exactly those the record
 * lists, at its time, provider by provider; a row deleted, added, moved to another time or to another
 * provider is named.
 * Months archived by `npm run audit:archive` (audit-archive.ts): the store's note of where each archived
 * chain ends is checked against the archives' signatures (read-archived-boundaries.ts); a chain is followed
 * from the last archived record the store notes, or, given the archives, from its first record through
 * each signed archive into the store; the archiver verifies each month's part with the same checks
 * (`verifyChainSlice`) and reads the store through the same functions.
 * Longer than 300 lines because the store's and the archives' readings of a chain go through one set of checks.
 */
import { setTimeout } from 'node:timers/promises';
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PublicKeySet } from '../../platform/key-set.ts';
import type { Database } from '../../platform/store/tables.ts';
import { checkQuarantined } from './audit-quarantine.ts';
import { checkpointSignatureProblem, CHECKPOINT_CADENCE, type Checkpoint, type CheckpointCadence } from './audit-checkpoint.ts';
import {
  compareChainNames,
  recordHashHolds,
  rowToCheckpoint,
  rowToQuarantined,
  rowToRecord,
  type ArchivedQuarantineRow,
  type ArchivedRecordRow,
} from './audit-codec.ts';
import { GENESIS_HASH, subjectPairs } from './audit-record.ts';
import { ArchiveProblem, listArchiveFiles, openArchive, type ArchivedMonth } from './audit-archive.ts';
import { readArchivedBoundaries } from './read-archived-boundaries.ts';
import type { CheckpointAnchors } from './checkpoint-anchors.ts';

export interface VerificationReport {
  ok: boolean;
  chains: number;
  records: number;
  checkpoints: number;
  /** Anchored checkpoints found equal in the store. */
  anchored: number;
  /** Subject and provider pairs the verified records list (the subject log; an archive's rows for them found matching). */
  subjectRows: number;
  /** Records held in quarantine (the store refused their content), each verified in its place. */
  quarantined: Array<{ chain: string; seq: number; reason: string; at: string }>;
  /** Months verified from their archives (`archives` given), oldest first. */
  archivedMonths: string[];
  /** The first problem found, naming the record. */
  problem?: string;
}

/** The report of a verification that stopped before it verified anything, for `problem`. */
export function unverifiedReport(problem: string): VerificationReport {
  return { ok: false, chains: 0, records: 0, checkpoints: 0, anchored: 0, subjectRows: 0, quarantined: [], archivedMonths: [], problem };
}

export interface VerifyAuditOptions {
  /** Every current and retired public key of the audit signing key. */
  keys: PublicKeySet;
  /** Copies of the checkpoints outside the store (the local anchor log, Redis). */
  anchors?: readonly CheckpointAnchors[];
  /** The cadence to demand; default 1000 records / 60 s. */
  cadence?: CheckpointCadence;
  /** How much older than the interval an unsigned tail may be (a slow store, clocks apart); default 30 s. */
  tailGraceMs?: number;
  /**
   * How long to wait for the row of an anchored checkpoint newer than the store's last one before
   * calling it deleted; default 5 s. The writer anchors a checkpoint before its row commits, so a
   * verification running between the two finds it in the log only.
   */
  inFlightWaitMs?: number;
  now?: Date;
  /**
   * The directory of the archived months (`npm run audit:archive`): each chain is then verified from its
   * first record, through every archive the store lists (and any other in the directory) into the store.
   * Without it, a chain whose beginning was archived is verified from the last archived record the store
   * notes (`audit_archive_chains`).
   */
  archiveDir?: string;
}

const PAGE = 5_000;

class Broken extends Error {}

const iso = (ms: number) => new Date(ms).toISOString();

export async function verifyAuditChains(db: Kysely<Database>, options: VerifyAuditOptions): Promise<VerificationReport> {
  const cadence = options.cadence ?? CHECKPOINT_CADENCE;
  const now = (options.now ?? new Date()).getTime();
  const tailLimit = cadence.intervalMs + (options.tailGraceMs ?? 30_000);
  const anchored = new Map<string, Array<{ source: string; checkpoint: Checkpoint }>>();
  for (const source of options.anchors ?? []) {
    const { byChain, unreadable } = await source.read();
    if (unreadable.length > 0) return unverifiedReport(`${source.name}: ${unreadable[0]} is not a checkpoint — the anchor was altered`);
    for (const [chain, checkpoints] of byChain)
      anchored.set(chain, [...(anchored.get(chain) ?? []), ...checkpoints.map((checkpoint) => ({ source: source.name, checkpoint }))]);
  }
  const stored = (await db.selectFrom('audit_records').select('chain').union(db.selectFrom('audit_quarantine').select('chain')).execute()).map(
    (row) => row.chain,
  );
  const report: VerificationReport = { ok: true, chains: 0, records: 0, checkpoints: 0, anchored: 0, subjectRows: 0, quarantined: [], archivedMonths: [] };
  let archives: ArchivedMonth[] | undefined;
  try {
    // Checked with or without the archives: a boundary the archives' signatures do not cover is not trusted.
    const boundaries = await readArchivedBoundaries(db, options.keys);
    archives = options.archiveDir === undefined ? undefined : await openArchives(db, options.archiveDir, options.keys);
    const chains = [...new Set([...stored, ...anchored.keys(), ...boundaries.keys(), ...(archives?.flatMap((a) => [...a.chains.keys()]) ?? [])])].sort(
      compareChainNames,
    );
    report.chains = chains.length;
    report.archivedMonths = archives?.map((archive) => archive.month) ?? [];
    const inFlightUntil = Date.now() + (options.inFlightWaitMs ?? 5_000);
    for (const chain of chains) {
      const storeMarks = await readMarksAwaitingAnchored(db, chain, anchored.get(chain) ?? [], inFlightUntil);
      const origin = archives ? archivedOrigin(db, chain, archives, storeMarks) : storeOrigin(db, chain, boundaries.get(chain), storeMarks);
      await verifyChain(db, chain, origin, anchored.get(chain) ?? [], options.keys, cadence, now - tailLimit, report);
    }
    await verifyOperationDocuments(db);
  } catch (error) {
    if (error instanceof ArchiveProblem || error instanceof Broken) return { ...report, ok: false, problem: error.message };
    throw error;
  } finally {
    await Promise.all((archives ?? []).map((archive) => archive.records.close()));
  }
  return report;
}

/** Where a chain's verification starts and what it reads: pages of records in order, an archive's with its subject rows' keys. */
interface ChainOrigin {
  /** After this record (0 and the genesis hash: from the chain's first). */
  start: { seq: number; hash: string };
  /** Every checkpoint of the chain: the store's, and the archives' when read. */
  marks: Checkpoint[];
  /** Quarantined records: the archives' (besides the store's), or a slice's all. */
  quarantined: Array<ArchivedQuarantineRow>;
  /** Whether the store's quarantined records count too (not for a slice, which names all of its own). */
  storeQuarantine: boolean;
  pages: AsyncIterable<ChainLink[]>;
  /** The last record to verify (a month being archived); records after it and their checkpoints are another's. */
  through?: number;
}

/** One record as a source gives it: its row, where to name it, and an archive's subject rows for it as compared (none from the store). */
interface ChainLink {
  row: ArchivedRecordRow;
  where: string;
  subjectKeys: string[] | undefined;
}

/** A chain's records of one month being archived, as the archiver reads them from the store or back from its file. */
export interface ChainSlice {
  chain: string;
  /** The last record before the slice (the previous archive's last, or 0 and the genesis hash). */
  start: { seq: number; hash: string };
  through: number;
  marks: Checkpoint[];
  /** Every quarantined record of the slice: the store's are not read besides them (an archive stands on its own). */
  quarantined: Array<ArchivedQuarantineRow>;
  pages: AsyncIterable<Array<{ row: ArchivedRecordRow; subjects: ReadonlyArray<{ provider: string; subject_hmac: string; at: Date | string }> }>>;
  /** How to name where a record was read. */
  place: string;
}

/**
 * Verifies a slice of a chain as `audit:verify` verifies a whole one: links, hashes, subject rows,
 * quarantined records in their places, checkpoints' signatures and cadence between them; an unsigned
 * end of the slice is accepted (the next checkpoint, after it, covers it). Returns the problem, if any.
 */
export async function verifyChainSlice(
  db: Kysely<Database>,
  slice: ChainSlice,
  keys: PublicKeySet,
  cadence: CheckpointCadence = CHECKPOINT_CADENCE,
): Promise<{ report: VerificationReport; problem: string | undefined }> {
  const report: VerificationReport = { ok: true, chains: 1, records: 0, checkpoints: 0, anchored: 0, subjectRows: 0, quarantined: [], archivedMonths: [] };
  async function* pages(): AsyncGenerator<ChainLink[]> {
    for await (const page of slice.pages)
      yield page.map(({ row, subjects }) => ({ row, where: `${slice.place}, row id ${row.id}`, subjectKeys: subjects.map(subjectRowKey) }));
  }
  const origin: ChainOrigin = {
    start: slice.start,
    marks: slice.marks,
    quarantined: slice.quarantined,
    storeQuarantine: false,
    pages: pages(),
    through: slice.through,
  };
  try {
    const last = await verifyChain(db, slice.chain, origin, [], keys, cadence, Number.NEGATIVE_INFINITY, report);
    if (last !== slice.through) throw new Broken(`chain ${slice.chain}: ${slice.place} ends at record ${last}, not at ${slice.through} — records are missing`);
  } catch (error) {
    if (!(error instanceof Broken)) throw error;
    return { report: { ...report, ok: false, problem: error.message }, problem: error.message };
  }
  return { report, problem: undefined };
}

/**
 * A chain's stored records after `afterSeq` through `throughSeq`, page by page: the one reading of the
 * store's records, the verifier's and the archiver's.
 */
export async function* readStoreRecordPages(db: Kysely<Database>, chain: string, afterSeq: number, throughSeq: number = Number.POSITIVE_INFINITY) {
  for (let after = afterSeq; after < throughSeq;) {
    const rows = await readRecordPage(db, chain, after, PAGE, throughSeq);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE) return;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

/** The store's records of a chain after `afterSeq`, as links: their subject log is their own list, nothing to compare. */
async function* storePages(db: Kysely<Database>, chain: string, afterSeq: number): AsyncGenerator<ChainLink[]> {
  for await (const page of readStoreRecordPages(db, chain, afterSeq)) yield page.map((row) => ({ row, where: `row id ${row.id}`, subjectKeys: undefined }));
}

/** A chain as the store holds it: from its last archived record, if its beginning was archived. */
function storeOrigin(db: Kysely<Database>, chain: string, boundary: { seq: number; hash: string } | undefined, marks: Checkpoint[]): ChainOrigin {
  const start = boundary ?? { seq: 0, hash: GENESIS_HASH };
  return { start, marks, quarantined: [], storeQuarantine: true, pages: storePages(db, chain, start.seq) };
}

/** A chain from its first record: through its archives, oldest first, then the store after the last of them. */
function archivedOrigin(db: Kysely<Database>, chain: string, archives: readonly ArchivedMonth[], storeMarks: Checkpoint[]): ChainOrigin {
  const holding = archives.filter((archive) => archive.chains.has(chain));
  const last = holding.at(-1)?.chains.get(chain)?.throughSeq ?? 0;
  const marks = new Map(storeMarks.map((mark) => [mark.seq, mark]));
  for (const archive of holding) {
    for (const mark of archive.checkpoints.filter((c) => c.chain === chain)) {
      const stored = marks.get(mark.seq);
      if (stored && stored.hash !== mark.hash)
        throw new Broken(
          `chain ${chain}, checkpoint at record ${mark.seq}: the store's has hash ${stored.hash}, the archive of ${archive.month} ${mark.hash} — a checkpoint was replaced`,
        );
      marks.set(mark.seq, mark);
    }
  }
  async function* pages(): AsyncGenerator<ChainLink[]> {
    for (const archive of holding) {
      for await (const page of archive.records.pages(chain, PAGE)) {
        yield page.map(({ row, subjects }) => ({ row, where: `in the archive of ${archive.month}`, subjectKeys: subjects.map(subjectRowKey) }));
      }
    }
    yield* storePages(db, chain, last);
  }
  return {
    start: { seq: 0, hash: GENESIS_HASH },
    marks: [...marks.values()].sort((a, b) => a.seq - b.seq),
    quarantined: holding.flatMap((archive) => archive.quarantined.filter((row) => row.chain === chain)),
    storeQuarantine: true,
    pages: pages(),
  };
}

/**
 * The archives of `dir`, each one's signature verified: every month the store lists (`audit_archives`)
 * must be there with the SHA-256 the store noted; months in the directory the store does not list are
 * read too (a store row deleted must not hide an archive). A month missing is named with the records it took.
 */
async function openArchives(db: Kysely<Database>, dir: string, keys: PublicKeySet): Promise<ArchivedMonth[]> {
  const listed = await db.selectFrom('audit_archives').select(['month', 'file', 'sha256']).orderBy('month').execute();
  const present = new Set(listArchiveFiles(dir));
  for (const row of listed) {
    if (present.has(row.month)) continue;
    const took = await db.selectFrom('audit_archive_chains').selectAll().where('month', '=', row.month).orderBy('chain').execute();
    const ranges = took.map((t) => `chain ${t.chain} records ${t.from_seq}–${t.through_seq}`).join(', ');
    throw new ArchiveProblem(
      `archive of ${row.month} (${row.file}) is missing from ${dir}: ${ranges || 'no records'} cannot be verified — an archive is missing`,
    );
  }
  const months = [...new Set([...listed.map((row) => row.month), ...present])].sort();
  const opened: ArchivedMonth[] = [];
  for (const month of months) {
    const archive = await openArchive(dir, month, keys);
    const noted = listed.find((row) => row.month === month);
    if (noted && noted.sha256 !== archive.signature.sha256)
      throw new ArchiveProblem(
        `archive of ${month}: the store noted SHA-256 ${noted.sha256}, the file's signature ${archive.signature.sha256} — the archive was replaced`,
      );
    opened.push(archive);
  }
  return opened;
}

/**
 * The verifier's read of the store: a chain's stored rows after record `afterSeq` through `throughSeq`
 * (an archived month's last, for the archiver), in order, at most `limit`. Keyset paging: (chain, seq) is unique and indexed, so a million records read in linear time.
 */
export function readRecordPage(db: Kysely<Database>, chain: string, afterSeq: number, limit: number = PAGE, throughSeq: number = Number.POSITIVE_INFINITY) {
  let query = db.selectFrom('audit_records').selectAll().where('chain', '=', chain).where('seq', '>', String(afterSeq));
  if (Number.isFinite(throughSeq)) query = query.where('seq', '<=', String(throughSeq));
  return query.orderBy('seq').limit(limit).execute();
}

/** The verifier's read of a chain's stored checkpoints, in order. */
export function readCheckpointRows(db: Kysely<Database>, chain: string) {
  return db.selectFrom('audit_checkpoints').selectAll().where('chain', '=', chain).orderBy('seq').execute();
}

/** A subject row as compared: provider, HMAC and time (the chain and sequence number select it). */
const subjectRowKey = (row: { provider: string; subject_hmac: string; at: Date | string }) =>
  `${row.provider} ${row.subject_hmac} ${new Date(row.at).toISOString()}`;

/** The subject and provider pairs a record lists (audit-record.ts `subjectPairs`, each once), as compared. */
function listedSubjectKeys(pairs: ReadonlyArray<{ provider: string; hmac: string }>, at: string): Set<string> {
  // The record's time is already ISO 8601 with milliseconds, as `subjectRowKey` writes an archived row's.
  return new Set(pairs.map(({ provider, hmac }) => `${provider} ${hmac} ${at}`));
}

/** Why an archive's subject rows for a record are not exactly the subjects it lists, or `undefined`. */
function subjectRowsProblem(expected: ReadonlySet<string>, stored: readonly string[]): string | undefined {
  const found = new Set(stored);
  const missing = [...expected].filter((key) => !found.has(key)).length;
  const extra = [...found].filter((key) => !expected.has(key)).length;
  const twice = stored.length - found.size;
  if (missing === 0 && extra === 0 && twice === 0) return undefined;
  return `its archived subject rows differ from the ${expected.size} subject(s) it lists: ${missing} missing, ${extra} not listed${twice > 0 ? `, ${twice} listed twice` : ''} — the subject log was altered`;
}

/** The verifier's read of a chain's quarantined records. */
export function readQuarantineRows(db: Kysely<Database>, chain: string) {
  return db.selectFrom('audit_quarantine').selectAll().where('chain', '=', chain).execute();
}

/**
 * A chain's stored checkpoints, read again (until `until`) while an anchored checkpoint newer than the
 * last stored one has no row yet: it may be committing. One that never arrives is then named as deleted.
 */
async function readMarksAwaitingAnchored(
  db: Kysely<Database>,
  chain: string,
  anchors: ReadonlyArray<{ checkpoint: Checkpoint }>,
  until: number,
): Promise<Checkpoint[]> {
  for (;;) {
    const marks = (await readCheckpointRows(db, chain)).map(rowToCheckpoint);
    const lastSeq = marks.at(-1)?.seq ?? 0;
    const committing = anchors.some(({ checkpoint }) => checkpoint.seq > lastSeq);
    if (!committing || Date.now() >= until) return marks;
    await setTimeout(100);
  }
}

/** The verifier's read of the kept operation documents after `afterHash`, in hash order, at most `limit`. */
export function readDocumentPage(db: Kysely<Database>, afterHash: string, limit: number = PAGE) {
  return db.selectFrom('operation_documents').select(['hash', 'document']).where('hash', '>', afterHash).orderBy('hash').limit(limit).execute();
}

async function verifyOperationDocuments(db: Kysely<Database>): Promise<void> {
  for (let after = ''; ;) {
    const rows = await readDocumentPage(db, after);
    for (const row of rows) {
      if (createHash('sha256').update(row.document).digest('hex') !== row.hash)
        throw new Broken(`operation document ${row.hash}: its text does not hash to the hash records name it by — the document was changed`);
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.hash;
  }
}

async function verifyChain(
  db: Kysely<Database>,
  chain: string,
  origin: ChainOrigin,
  anchors: ReadonlyArray<{ source: string; checkpoint: Checkpoint }>,
  keys: PublicKeySet,
  cadence: CheckpointCadence,
  oldestUnsignedAt: number,
  report: VerificationReport,
): Promise<number> {
  for (const mark of origin.marks) {
    const problem = await checkpointSignatureProblem(keys, mark);
    if (problem) throw new Broken(`chain ${chain}, checkpoint at record ${mark.seq}: ${problem}`);
  }
  const bySeq = new Map(origin.marks.map((mark) => [mark.seq, mark]));
  for (const { source, checkpoint } of anchors) {
    const where = `chain ${chain}, checkpoint at record ${checkpoint.seq} (signed ${checkpoint.at}, in ${source})`;
    const problem = await checkpointSignatureProblem(keys, checkpoint);
    if (problem) throw new Broken(`${where}: ${problem} — the anchor was altered`);
    const mark = bySeq.get(checkpoint.seq);
    if (!mark) throw new Broken(`${where}: missing from the store — checkpoints were deleted`);
    if (mark.hash !== checkpoint.hash)
      throw new Broken(`${where}: the store's checkpoint has hash ${mark.hash}, the anchor ${checkpoint.hash} — the store's checkpoint was replaced`);
    report.anchored += 1;
  }
  // Checkpoints of records before the start (archived) were verified above; the chain is followed from the start.
  const within = (seq: number) => seq > origin.start.seq && (origin.through === undefined || seq <= origin.through);
  const marks = origin.marks.filter((mark) => within(mark.seq));

  let expectedSeq = origin.start.seq + 1;
  let prevHash = origin.start.hash;
  let next = 0; // index of the next checkpoint in `marks`
  let span = { from: 1, count: 0, minAt: Infinity, maxAt: -Infinity };
  const gap = (to: number) => `chain ${chain}: records ${span.from}–${to} (${iso(span.minAt)} to ${iso(span.maxAt)})`;
  /** One record in its place, stored or quarantined: its cadence span and the checkpoint at it. */
  const link = (seq: number, hash: string, at: number) => {
    span = { from: span.count === 0 ? seq : span.from, count: span.count + 1, minAt: Math.min(span.minAt, at), maxAt: Math.max(span.maxAt, at) };
    const mark = marks[next];
    if (mark?.seq === seq) {
      if (mark.hash !== hash)
        throw new Broken(`chain ${chain}, record ${seq}: differs from its signed checkpoint — records up to it were rewritten or removed`);
      if (span.count > cadence.records || span.maxAt - span.minAt > cadence.intervalMs) {
        throw new Broken(
          `${gap(seq)}: ${span.count} records over ${(span.maxAt - span.minAt) / 1000} s between signed checkpoints, more than the promised ${cadence.records} records / ${cadence.intervalMs / 1000} s — checkpoints were deleted`,
        );
      }
      span = { from: seq + 1, count: 0, minAt: Infinity, maxAt: -Infinity };
      next += 1;
      report.checkpoints += 1;
    }
    prevHash = hash;
    expectedSeq += 1;
  };
  const held = new Map(
    [...origin.quarantined, ...(origin.storeQuarantine ? await readQuarantineRows(db, chain) : [])]
      .filter((row) => within(Number(row.seq)))
      .map((row) => [Number(row.seq), row]),
  );
  /** Takes quarantined records in their places up to (not including) `seq`. */
  const takeQuarantined = (seq: number) => {
    for (let row = held.get(expectedSeq); row && expectedSeq < seq; row = held.get(expectedSeq)) {
      const problem = checkQuarantined(row, chain, expectedSeq, prevHash);
      if (problem) throw new Broken(`chain ${chain}, record ${expectedSeq} (quarantined, row id ${row.id}): ${problem}`);
      const quarantined = rowToQuarantined(row)!; // its JSON parses: checked just above
      report.quarantined.push({ chain, seq: expectedSeq, reason: quarantined.reason, at: quarantined.at });
      held.delete(expectedSeq);
      link(expectedSeq, row.hash, Date.parse(quarantined.record.at));
    }
  };
  for await (const links of origin.pages) {
    for (const { row, where: place, subjectKeys } of links) {
      const record = rowToRecord(row);
      const { seq } = record;
      const where = `chain ${chain}, record ${seq} (${place})`;
      takeQuarantined(seq);
      if (held.has(seq)) throw new Broken(`${where}: is both stored and quarantined — a record was inserted`);
      if (seq !== expectedSeq) {
        const missing = seq > expectedSeq && expectedSeq === origin.start.seq + 1 ? ' (records before it are neither stored nor archived)' : '';
        throw new Broken(`${where}: expected record ${expectedSeq} next${missing} — a record was deleted or inserted`);
      }
      if (record.prevHash !== prevHash) throw new Broken(`${where}: does not link to the previous record's hash — the chain was cut or reordered`);
      if (!recordHashHolds(record)) throw new Broken(`${where}: content does not match its hash — the record was changed`);
      const pairs = subjectPairs(record.subjects);
      // Only an archive keeps subject rows apart from the record: the store's subject log is the record's own list.
      const subjectProblem = subjectKeys && subjectRowsProblem(listedSubjectKeys(pairs, record.at), subjectKeys);
      if (subjectProblem) throw new Broken(`${where}: ${subjectProblem}`);
      report.subjectRows += pairs.length;
      link(seq, record.hash, Date.parse(record.at));
      report.records += 1;
    }
  }
  takeQuarantined(Number.POSITIVE_INFINITY);
  const stray = [...held.keys()][0];
  if (stray !== undefined) throw new Broken(`chain ${chain}, record ${stray} (quarantined): has no place in the chain — a record was inserted`);
  const beyond = marks[next];
  if (beyond)
    throw new Broken(`chain ${chain}: a checkpoint covers record ${beyond.seq} but the chain ends at ${expectedSeq - 1} — records were deleted from the end`);
  if (span.count > cadence.records || (span.count > 0 && span.minAt < oldestUnsignedAt)) {
    throw new Broken(
      `${gap(expectedSeq - 1)}: no signed checkpoint covers them, yet a checkpoint is due within ${cadence.records} records / ${cadence.intervalMs / 1000} s — checkpoints or the records they covered were deleted, or this chain's gateway stopped without closing (restarted, it signs its tail)`,
    );
  }
  return expectedSeq - 1;
}
