/**
 * Archived months of the audit trail as files: `audit-<YYYY-MM>.ndjson.gz` (the lines of
 * audit-codec.ts' `ArchiveLine`) and beside it `audit-<YYYY-MM>.ndjson.gz.sig.json`, a detached
 * signature with the audit key (the key of the checkpoints, whose public set `audit:verify` already
 * holds) over `archiveMessage`: the month, the file name, the SHA-256 of the file's bytes, its counts
 * and where each chain's part ends. A file is trusted only after its signature holds and its chain
 * lines are the signed ones; then it is gunzipped twice whatever the number of chains: once for what is
 * small (chain summaries, checkpoints, quarantined records; records passed over unparsed), and once for
 * the records of every chain in file order (`ArchiveRecordReader`), streamed, so a month of any size is
 * verified in bounded memory.
 * Longer than 300 lines because what an archive file must be to be trusted and its one reader stay together.
 */
import { createHash, webcrypto } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { KeyPair } from '../../platform/keys.ts';
import type { PublicKeySet } from '../../platform/key-set.ts';
import type { Checkpoint } from './audit-checkpoint.ts';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_RECORD_PREFIX,
  archiveMessage,
  fromArchiveLine,
  type ArchiveBoundary,
  type ArchiveContent,
  type ArchivedSubjectRow,
  type ArchiveLine,
  type ArchivedQuarantineRow,
  type ArchivedRecordRow,
} from './audit-codec.ts';

/** The detached signature of an archive file. */
export interface ArchiveSignature extends ArchiveContent {
  format: typeof ARCHIVE_FORMAT;
  keyId: string;
  signature: string;
}

/** A chain's part of an archived month: records `fromSeq`–`throughSeq`, linking from `previousHash`. */
export interface ArchivedChain extends ArchiveBoundary {
  previousHash: string;
}

/** An archive whose signature held, with what it holds besides its records, and a reader of its records. */
export interface ArchivedMonth {
  month: string;
  path: string;
  signature: ArchiveSignature;
  chains: Map<string, ArchivedChain>;
  checkpoints: Checkpoint[];
  quarantined: Array<ArchivedQuarantineRow>;
  verification: Extract<ArchiveLine, { kind: 'verification' }> | undefined;
  /** Its records; closed by whoever opened the archive. */
  records: ArchiveRecordReader;
}

/** An archive that cannot be trusted or read: tampered, cut short, signed by an unknown key, of another format. */
export class ArchiveProblem extends Error {}

export const archiveFileName = (month: string) => `audit-${month}.ndjson.gz`;
export const signatureFileName = (file: string) => `${file}.sig.json`;
const ARCHIVE_FILE = /^audit-(\d{4}-\d{2})\.ndjson\.gz$/;

/** The months whose archive files lie in `dir`, oldest first. */
export function listArchiveFiles(dir: string): string[] {
  return readdirSync(dir)
    .map((name) => ARCHIVE_FILE.exec(name)?.[1])
    .filter((month): month is string => month !== undefined)
    .sort();
}

/** The SHA-256 of a file's bytes, streamed. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Signs an archive file and what it holds with the audit key. */
export async function signArchive(key: KeyPair, content: ArchiveContent): Promise<ArchiveSignature> {
  const { month, file, sha256, records, subjectRows } = content;
  const chains = content.chains.map(({ chain, fromSeq, throughSeq, throughHash }) => ({ chain, fromSeq, throughSeq, throughHash }));
  const signature = await webcrypto.subtle.sign('Ed25519', key.privateKey, archiveMessage({ month, file, sha256, records, subjectRows, chains }));
  return {
    format: ARCHIVE_FORMAT,
    month,
    file,
    sha256,
    records,
    subjectRows,
    chains,
    keyId: key.keyId,
    signature: Buffer.from(signature).toString('base64url'),
  };
}

/** Why an archive's signature (the file's, or as the store notes it) does not hold under the audit key set, or undefined when it does. */
export async function archiveSignatureProblem(keys: PublicKeySet, signed: ArchiveContent & { keyId: string; signature: string }): Promise<string | undefined> {
  const key = keys.get(signed.keyId);
  if (!key) return `signed with key id "${signed.keyId}", which is not in the audit key set`;
  const valid = await webcrypto.subtle.verify('Ed25519', key, Buffer.from(String(signed.signature), 'base64url'), archiveMessage(signed)).catch(() => false);
  return valid ? undefined : `the signature is not that of audit key "${signed.keyId}"`;
}

const isBoundary = (value: unknown): value is ArchiveBoundary => {
  const c = value as ArchiveBoundary;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.chain === 'string' &&
    Number.isSafeInteger(c.fromSeq) &&
    Number.isSafeInteger(c.throughSeq) &&
    typeof c.throughHash === 'string'
  );
};

/** A signature file's content in the current format's shape. */
function isArchiveSignature(value: Partial<ArchiveSignature>): value is ArchiveSignature {
  return (
    typeof value.month === 'string' &&
    typeof value.file === 'string' &&
    typeof value.sha256 === 'string' &&
    Number.isSafeInteger(value.records) &&
    Number.isSafeInteger(value.subjectRows) &&
    Array.isArray(value.chains) &&
    value.chains.every(isBoundary) &&
    typeof value.keyId === 'string' &&
    typeof value.signature === 'string'
  );
}

/** A format name as a message shows it: quoted, cut short. */
const shownFormat = (format: unknown) => JSON.stringify(String(format).slice(0, 64));

/** The lines of an archive file, in order; throws ArchiveProblem on a line that is not one (and on a cut gzip stream). */
export async function* readArchiveLines(path: string, options: { skipRecords?: boolean } = {}): AsyncGenerator<ArchiveLine | typeof SKIPPED> {
  const file = createReadStream(path);
  const lines = createInterface({ input: file.pipe(createGunzip()), crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const text of lines) {
      number += 1;
      if (options.skipRecords && text.startsWith(ARCHIVE_RECORD_PREFIX)) {
        yield SKIPPED;
        continue;
      }
      const line = fromArchiveLine(text);
      if (!line) throw new ArchiveProblem(`${path}, line ${number}: not an archive line — the archive was altered`);
      yield line;
    }
  } catch (error) {
    if (error instanceof ArchiveProblem) throw error;
    throw new ArchiveProblem(`${path}: cannot be read (${(error as Error).message}) — the archive was altered or cut short`);
  } finally {
    lines.close();
    file.destroy();
  }
}

/** What `readArchiveLines` yields for a record line passed over. */
export const SKIPPED = Symbol('skipped record line');

/**
 * Opens an archive: its signature must be of this format, name this month and file, hold under a key
 * of the audit key set and hash the file's bytes; then its header, chain summaries (which must be the
 * signed ones), checkpoints, quarantined records and verification are read. Throws ArchiveProblem
 * naming what does not hold.
 */
export async function openArchive(dir: string, month: string, keys: PublicKeySet): Promise<ArchivedMonth> {
  const file = archiveFileName(month);
  const path = join(dir, file);
  const signaturePath = join(dir, signatureFileName(file));
  const altered = `archive of ${month}`;
  if (!existsSync(path)) throw new ArchiveProblem(`${altered}: ${path} is missing`);
  if (!existsSync(signaturePath)) throw new ArchiveProblem(`${altered}: its signature ${signaturePath} is missing`);
  let signature: Partial<ArchiveSignature>;
  try {
    signature = JSON.parse(readFileSync(signaturePath, 'utf8')) as Partial<ArchiveSignature>;
    if (typeof signature !== 'object' || signature === null) throw new TypeError('not an object');
  } catch {
    throw new ArchiveProblem(`${altered}: ${signaturePath} is not a signature — the archive was altered`);
  }
  if (signature.format !== ARCHIVE_FORMAT)
    throw new ArchiveProblem(
      `${altered}: its signature is of format ${shownFormat(signature.format)}; this release reads only ${ARCHIVE_FORMAT} (format 1 did not sign where its chains end) — verify it with the release that wrote it`,
    );
  if (!isArchiveSignature(signature)) throw new ArchiveProblem(`${altered}: ${signaturePath} is not a signature — the archive was altered`);
  if (signature.month !== month || signature.file !== file)
    throw new ArchiveProblem(`${altered}: its signature names another archive (${signature.month}, ${signature.file}) — the archive was altered`);
  const problem = await archiveSignatureProblem(keys, signature);
  if (problem) throw new ArchiveProblem(`${altered}: ${problem}${problem.startsWith('the signature') ? ' — the archive was altered' : ''}`);
  const sha256 = await fileSha256(path);
  if (sha256 !== signature.sha256) throw new ArchiveProblem(`${altered}: ${file} does not hash to the signed SHA-256 — the archive's content was altered`);

  const archived: ArchivedMonth = {
    month,
    path,
    signature,
    chains: new Map(),
    checkpoints: [],
    quarantined: [],
    verification: undefined,
    records: createArchiveRecordReader(path), // opens the file only when read
  };
  let header: Extract<ArchiveLine, { kind: 'header' }> | undefined;
  for await (const line of readArchiveLines(path, { skipRecords: true })) {
    if (line === SKIPPED) continue;
    if (line.kind === 'header') header = line;
    else if (line.kind === 'chain') archived.chains.set(line.chain, line);
    else if (line.kind === 'checkpoint') archived.checkpoints.push(line.checkpoint);
    else if (line.kind === 'quarantined') archived.quarantined.push(line.row);
    else if (line.kind === 'verification') archived.verification = line;
  }
  if (header && header.format !== ARCHIVE_FORMAT)
    throw new ArchiveProblem(`${altered}: its header is of format ${shownFormat(header.format)}, its signature of ${ARCHIVE_FORMAT} — the archive was altered`);
  if (!header || header.month !== month || !archived.verification)
    throw new ArchiveProblem(`${altered}: no header of the month or no verification line — the archive is incomplete`);
  const signed = new Map(signature.chains.map((c) => [c.chain, c]));
  const unsigned = [...archived.chains.values()].find((c) => {
    const s = signed.get(c.chain);
    return !s || s.fromSeq !== c.fromSeq || s.throughSeq !== c.throughSeq || s.throughHash !== c.throughHash;
  });
  if (unsigned || signed.size !== archived.chains.size)
    throw new ArchiveProblem(`${altered}: its chain lines are not the chains its signature covers — the archive was altered`);
  if (archived.verification.records !== signature.records || archived.verification.subjectRows !== signature.subjectRows)
    throw new ArchiveProblem(`${altered}: its verification line counts other records than its signature — the archive was altered`);
  return archived;
}

/** One archived record with its subject log rows. */
export interface ArchivedRecord {
  row: ArchivedRecordRow;
  subjects: ArchivedSubjectRow[];
}

/** Reads an archive's records for one chain after another. */
export interface ArchiveRecordReader {
  /** A chain's records, in order, in pages of `size`. */
  pages(chain: string, size?: number): AsyncGenerator<ArchivedRecord[]>;
  /** Releases the file; the reader reads no more. */
  close(): Promise<void>;
}

type RecordLine = Extract<ArchiveLine, { kind: 'record' }>;

/**
 * One pass over an archive's records, serving chain after chain in file order (a chain's records are
 * together, chains in code-unit order, as the verifier and the archiver's read-back ask for them). A
 * chain asked for after the pass went by it is read by a pass of its own.
 */
export function createArchiveRecordReader(path: string): ArchiveRecordReader {
  let lines: AsyncGenerator<ArchiveLine | typeof SKIPPED> | undefined;
  let ahead: RecordLine | undefined;
  let closed = false;
  /** Chains whose records the pass went by (or is reading). */
  const passed = new Set<string>();
  async function nextRecord(): Promise<RecordLine | undefined> {
    if (ahead) {
      const line = ahead;
      ahead = undefined;
      return line;
    }
    if (closed) return undefined;
    lines ??= readArchiveLines(path);
    for (;;) {
      const result = await lines.next();
      if (result.done) return undefined;
      if (result.value !== SKIPPED && result.value.kind === 'record') return result.value;
    }
  }
  async function* pages(chain: string, size = 5_000): AsyncGenerator<ArchivedRecord[]> {
    if (passed.has(chain)) {
      // A pass of its own: a fresh reader over the same file.
      const own = createArchiveRecordReader(path);
      try {
        yield* own.pages(chain, size);
      } finally {
        await own.close();
      }
      return;
    }
    passed.add(chain);
    let page: ArchivedRecord[] = [];
    let seen = false;
    for (let line = await nextRecord(); line; line = await nextRecord()) {
      if (line.row.chain !== chain) {
        if (seen) {
          ahead = line; // the next chain's first record
          break;
        }
        passed.add(line.row.chain);
        continue;
      }
      seen = true;
      page.push({ row: line.row, subjects: line.subjects });
      if (page.length >= size) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }
  return {
    pages,
    close: async () => {
      closed = true;
      await lines?.return(undefined);
    },
  };
}
