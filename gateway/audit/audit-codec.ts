/**
 * The audit formats, defined once: a record as an `audit_records` row and back, the canonical text
 * its hash covers, a checkpoint's signed message, row and anchor line, the spool (and local
 * quarantine file) line, and the `audit_quarantine` row. The writer, the record store, the spool,
 * the quarantine, the anchors and the verifier all read and write through here: tamper evidence
 * holds only while what is written and what is checked are the same mapping.
 *
 * Every format is what stores, spools and logs already hold (audit-codec.test.ts pins them): a
 * change here that alters a hash, a signed message or a line makes what was written before fail
 * verification.
 */
import { createHash } from 'node:crypto';
import type { Insertable, Selectable } from 'kysely';
import type { AuditCheckpointsTable, AuditQuarantineTable, AuditRecordsTable } from '../../platform/store/tables.ts';
import type { Checkpoint } from './audit-checkpoint.ts';
import type { QuarantinedRecord } from './audit-quarantine.ts';
import {
  isSubjectList,
  subjectPairs,
  type AuditEntry,
  type AuditOutcome,
  type ChainedRecord,
  type SubjectList,
  type SubjectsByProvider,
} from './audit-record.ts';

/** A stored `audit_records` row as the store gives it back (`id` is its storage identity, not content). */
export type StoredRecordRow = Omit<Selectable<AuditRecordsTable>, 'id'>;
/** A stored `audit_checkpoints` row, likewise. */
export type StoredCheckpointRow = Omit<Selectable<AuditCheckpointsTable>, 'id'>;
/** A stored `audit_quarantine` row, likewise. */
export type StoredQuarantineRow = Omit<Selectable<AuditQuarantineTable>, 'id'>;
/** A record row as read from the store or back from an archive line (its time as JSON wrote it). */
export type ArchivedRecordRow = Omit<StoredRecordRow, 'at'> & { id: string; at: Date | string };
/** A quarantine row likewise. */
export type ArchivedQuarantineRow = Omit<StoredQuarantineRow, 'quarantined_at'> & { id: string; quarantined_at: Date | string };

/** A `timestamptz` read back (a Date from pg, a Date or text from PGlite) as the ISO 8601 instant with milliseconds records hold. */
export function storedInstant(value: Date | string): string {
  return new Date(value).toISOString();
}

/**
 * The text a record's hash covers: its fields in a fixed order with the chain, its place and the
 * previous hash; `served` with its providers sorted (jsonb does not keep key order). `code` is covered
 * only when present, so records written before it existed keep their hash; so are the verification
 * counts, the served subjects and the operation document's hash, each tagged by name after it (objects
 * in sorted key order). Subjects listed as a `SubjectList` are tagged `subjectList`, those of records
 * written before it `subjects`: neither can pass for the other. The hash covers the reference, and the document is kept under its own SHA-256,
 * so a record's operation cannot be exchanged for another without `audit:verify` naming the record.
 */
export function canonicalRecord(entry: AuditEntry, chain: string, seq: number, prevHash: string): string {
  const served = Object.keys(entry.served)
    .sort()
    .map((provider) => [provider, entry.served[provider]!.calls, entry.served[provider]!.entities]);
  return JSON.stringify([
    chain,
    seq,
    prevHash,
    entry.at,
    entry.requestId,
    entry.app,
    entry.dept,
    entry.roles,
    entry.purpose,
    entry.matter,
    entry.operationHash,
    entry.operationName,
    entry.granted,
    entry.denied,
    entry.masked,
    entry.providers,
    served,
    entry.outcome,
    entry.durationMs,
    ...(entry.code === undefined || entry.code === null ? [] : [entry.code]),
    ...(entry.verified ? [{ verified: sortedEntries(entry.verified, (counts) => [counts.MATCH, counts.MISMATCH, counts.NO_RECORD]) }] : []),
    ...(entry.subjects ? [canonicalSubjects(entry.subjects)] : []),
    ...(entry.documentHash ? [{ document: entry.documentHash }] : []),
  ]);
}

function canonicalSubjects(subjects: SubjectList | SubjectsByProvider): object {
  if (isSubjectList(subjects)) return { subjectList: [subjects.hmacs, sortedEntries(subjects.servedBy, (served) => served)] };
  return { subjects: sortedEntries(subjects, (hmacs) => hmacs) };
}

/** An object's entries in key order, each value mapped: jsonb keeps no key order, the hash must not depend on it. */
function sortedEntries<T, U>(object: Record<string, T>, map: (value: T) => U): Array<[string, U]> {
  return Object.keys(object)
    .sort()
    .map((key) => [key, map(object[key]!)]);
}

/** The record's hash: SHA-256 of its canonical text. */
export function hashRecord(entry: AuditEntry, chain: string, seq: number, prevHash: string): string {
  return createHash('sha256')
    .update(canonicalRecord(entry, chain, seq, prevHash))
    .digest('hex');
}

/** Whether a chained record's content, place and previous hash hash to the hash it carries. */
export function recordHashHolds(record: ChainedRecord): boolean {
  try {
    return hashRecord(record, record.chain, record.seq, record.prevHash) === record.hash;
  } catch {
    // Content of another shape (JSON null where served counts were) is none the writer ever hashed: it
    // does not hold, and the verifier names the record instead of stopping.
    return false;
  }
}

/** The `audit_records` row of a chained record (lists and served counts as jsonb, providers as text[]). */
export function recordToRow(record: ChainedRecord): Insertable<AuditRecordsTable> {
  return {
    chain: record.chain,
    seq: record.seq,
    prev_hash: record.prevHash,
    hash: record.hash,
    at: record.at,
    request_id: record.requestId,
    app: record.app,
    dept: record.dept,
    roles: JSON.stringify(record.roles),
    purpose: record.purpose,
    matter: record.matter,
    operation_hash: record.operationHash,
    operation_name: record.operationName,
    granted: JSON.stringify(record.granted),
    denied: JSON.stringify(record.denied),
    masked: JSON.stringify(record.masked),
    providers: record.providers,
    served: JSON.stringify(record.served),
    outcome: record.outcome,
    duration_ms: record.durationMs,
    code: record.code ?? null,
    verified: record.verified ? JSON.stringify(record.verified) : null,
    subjects: record.subjects ? JSON.stringify(record.subjects) : null,
    document_hash: record.documentHash ?? null,
  };
}

/**
 * The subject rows an archive keeps of a record: one per provider and subject HMAC the record lists,
 * each once. (The store's subject log was such rows until migration 0021; since 0022 it is an index
 * over the record's own list, and archives keep the rows as before, so that every archive reads alike,
 * whichever way its records list their subjects.)
 */
export function archivedSubjectRows(record: ChainedRecord): ArchivedSubjectRow[] {
  const seq = String(record.seq);
  return subjectPairs(record.subjects).map(({ provider, hmac }) => ({ subject_hmac: hmac, at: record.at, chain: record.chain, seq, provider }));
}

/** The chained record a stored row holds: the exact inverse of `recordToRow` (a null `code` is no code). */
export function rowToRecord(row: StoredRecordRow | ArchivedRecordRow): ChainedRecord {
  return {
    at: storedInstant(row.at),
    requestId: row.request_id,
    app: row.app,
    dept: row.dept,
    roles: row.roles,
    purpose: row.purpose,
    matter: row.matter,
    operationHash: row.operation_hash,
    operationName: row.operation_name,
    granted: row.granted,
    denied: row.denied,
    masked: row.masked,
    providers: row.providers,
    served: row.served,
    outcome: row.outcome as AuditOutcome,
    ...(row.code === null ? {} : { code: row.code }),
    durationMs: row.duration_ms,
    ...(row.verified === null || row.verified === undefined ? {} : { verified: row.verified as unknown as ChainedRecord['verified'] }),
    ...(row.subjects === null || row.subjects === undefined ? {} : { subjects: row.subjects }),
    ...(row.document_hash === null || row.document_hash === undefined ? {} : { documentHash: row.document_hash }),
    chain: row.chain,
    seq: Number(row.seq),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** What a checkpoint signs: `chain:seq:hash`, unchanged since the first checkpoint so that every one ever signed still verifies. */
export function checkpointMessage(checkpoint: Pick<Checkpoint, 'chain' | 'seq' | 'hash'>): Uint8Array {
  return new TextEncoder().encode(`${checkpoint.chain}:${checkpoint.seq}:${checkpoint.hash}`);
}

/** The `audit_checkpoints` row of a checkpoint. */
export function checkpointToRow(checkpoint: Checkpoint): Insertable<AuditCheckpointsTable> {
  return { chain: checkpoint.chain, seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at, key_id: checkpoint.keyId, signature: checkpoint.signature };
}

/** The checkpoint a stored row holds: the exact inverse of `checkpointToRow`. */
export function rowToCheckpoint(row: StoredCheckpointRow): Checkpoint {
  return { chain: row.chain, seq: Number(row.seq), hash: row.hash, at: storedInstant(row.at), keyId: row.key_id, signature: row.signature };
}

/** An anchored checkpoint as text: one line of the checkpoint log (without its newline), one Redis stream entry. */
export function checkpointToLine(checkpoint: Checkpoint): string {
  const { chain, seq, hash, at, keyId, signature } = checkpoint;
  return JSON.stringify({ chain, seq, hash, at, keyId, signature });
}

/** Reads one anchored checkpoint (a log line or a Redis stream entry); undefined if it is not one. */
export function lineToCheckpoint(text: string): Checkpoint | undefined {
  try {
    const { chain, seq, hash, at, keyId, signature } = JSON.parse(text) as Partial<Checkpoint>;
    const ok =
      typeof chain === 'string' &&
      Number.isSafeInteger(seq) &&
      typeof hash === 'string' &&
      typeof at === 'string' &&
      typeof keyId === 'string' &&
      typeof signature === 'string';
    return ok ? { chain, seq: seq!, hash, at, keyId, signature } : undefined;
  } catch {
    return undefined;
  }
}

/** What the spool and the local quarantine file hold, one per line. */
export type SpoolEntry = ChainedRecord | QuarantinedRecord;

/** One spool (or quarantine file) line: the entry as JSON, newline-terminated. */
export function toSpoolLine(entry: SpoolEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/** The entry a spool line holds; undefined for a line that is not JSON (cut short by a crash mid-write). */
export function fromSpoolLine<T extends SpoolEntry>(line: string): T | undefined {
  try {
    return JSON.parse(line) as T;
  } catch {
    return undefined;
  }
}

/** The text with every character outside printable ASCII as a `\uXXXX` escape: any text column takes it. */
export function asciiOnly(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The `audit_quarantine` row: the record as JSON with nothing outside printable ASCII, so it fits whatever the record holds. */
export function quarantinedToRow(quarantined: QuarantinedRecord): Insertable<AuditQuarantineTable> {
  const { record, reason, at } = quarantined;
  return { chain: record.chain, seq: record.seq, hash: record.hash, record: asciiOnly(JSON.stringify(record)), reason, quarantined_at: at };
}

/** The record a quarantine row's JSON holds; undefined if the JSON does not parse to an object. */
export function quarantinedRecordOf(row: Pick<StoredQuarantineRow, 'record'>): ChainedRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(row.record);
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as ChainedRecord) : undefined;
}

/** The quarantined record a stored row holds (the inverse of `quarantinedToRow`); undefined if its JSON is not an object. */
export function rowToQuarantined(row: StoredQuarantineRow | ArchivedQuarantineRow): QuarantinedRecord | undefined {
  const record = quarantinedRecordOf(row);
  return record && { record, reason: row.reason, at: storedInstant(row.quarantined_at) };
}

/**
 * The archive's format name, in its first line and its signature; a reader refuses any other. Format 1
 * signed only the file; 2 signs where each chain's part ends too, so the store's note of it can be checked.
 */
export const ARCHIVE_FORMAT = 'zhoucun-audit-archive/2';

/** Where a chain's part of an archived month begins and ends, as the archive's signature covers it and the store notes it. */
export interface ArchiveBoundary {
  chain: string;
  fromSeq: number;
  throughSeq: number;
  throughHash: string;
}

/** What an archive's signature covers: the file and its bytes, what it holds, and every chain's boundary. */
export interface ArchiveContent {
  month: string;
  file: string;
  sha256: string;
  records: number;
  subjectRows: number;
  chains: readonly ArchiveBoundary[];
}

/** A subject log row as an archive keeps it beside its record. */
export type ArchivedSubjectRow = { subject_hmac: string; at: Date | string; chain: string; seq: string; provider: string };

/**
 * One line of an archived month (`npm run audit:archive`), gzip'd NDJSON: a header, then per chain its
 * summary, the checkpoints covering its records (and the first one after them), its quarantined
 * records, and its records in order, each with its subject log rows; last, what verifying the month found.
 * Records and quarantined records are kept as the store's rows, read back with `rowToRecord` and
 * `rowToQuarantined` like the store's own.
 */
export type ArchiveLine =
  | { kind: 'header'; format: typeof ARCHIVE_FORMAT; month: string; from: string; to: string; createdAt: string }
  | { kind: 'chain'; chain: string; fromSeq: number; throughSeq: number; throughHash: string; previousHash: string }
  | { kind: 'checkpoint'; checkpoint: Checkpoint }
  | { kind: 'quarantined'; row: ArchivedQuarantineRow }
  | { kind: 'record'; row: ArchivedRecordRow; subjects: ArchivedSubjectRow[] }
  | { kind: 'verification'; ok: boolean; records: number; checkpoints: number; subjectRows: number; quarantined: number; problem?: string };

const ARCHIVE_KINDS = new Set(['header', 'chain', 'checkpoint', 'quarantined', 'record', 'verification']);

/** One archive line, newline-terminated; `kind` first, so a reader can pass over records without parsing them. */
export function toArchiveLine(line: ArchiveLine): string {
  return `${JSON.stringify(line)}\n`;
}

/** A line of a record (recognised without parsing it). */
export const ARCHIVE_RECORD_PREFIX = '{"kind":"record",';

/** The archive line a text holds; undefined if it is not one. */
export function fromArchiveLine(text: string): ArchiveLine | undefined {
  try {
    const value = JSON.parse(text) as { kind?: unknown };
    return typeof value === 'object' && value !== null && typeof value.kind === 'string' && ARCHIVE_KINDS.has(value.kind) ? (value as ArchiveLine) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The order of chain names wherever chains are read or signed one after another: code-unit order. The
 * archiver writes chains in it, an archive's signature lists them in it, and the verifier asks for them
 * in it, so that one pass over an archive file serves every chain.
 */
export function compareChainNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * What an archive's signature signs: the format, month, file name, the SHA-256 of its bytes, its record
 * and subject row counts, and per chain (in code-unit order) the records it took and the last one's hash.
 * The store notes all of it (`audit_archives`, `audit_archive_chains`), so the store's note is checked
 * against the signature without the file.
 */
export function archiveMessage(archive: ArchiveContent): Uint8Array {
  const chains = [...archive.chains].sort((a, b) => compareChainNames(a.chain, b.chain)).map((c) => [c.chain, c.fromSeq, c.throughSeq, c.throughHash]);
  return new TextEncoder().encode(JSON.stringify([ARCHIVE_FORMAT, archive.month, archive.file, archive.sha256, archive.records, archive.subjectRows, chains]));
}
