/**
 * Archived months of the audit trail as files: `audit-<YYYY-MM>.ndjson.gz` (the lines of
 * audit-codec.ts' `ArchiveLine`) and beside it `audit-<YYYY-MM>.ndjson.gz.sig.json`, a detached
 * signature with the audit key (the key of the checkpoints, whose public set `audit:verify` already
 * holds) over the month, the file name and the SHA-256 of the file's bytes. A file is trusted only
 * after its signature holds; then it is read twice at most: once for what is small (chain summaries,
 * checkpoints, quarantined records; records passed over unparsed), and once per chain for its records,
 * streamed, so a month of any size is verified in bounded memory.
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
  type ArchivedSubjectRow,
  type ArchiveLine,
  type ArchivedQuarantineRow,
  type ArchivedRecordRow,
} from './audit-codec.ts';

/** The detached signature of an archive file. */
export interface ArchiveSignature {
  format: typeof ARCHIVE_FORMAT;
  month: string;
  file: string;
  sha256: string;
  keyId: string;
  signature: string;
}

/** A chain's part of an archived month: records `fromSeq`–`throughSeq`, linking from `previousHash`. */
export interface ArchivedChain {
  chain: string;
  fromSeq: number;
  throughSeq: number;
  throughHash: string;
  previousHash: string;
}

/** An archive whose signature held, with what it holds besides its records. */
export interface ArchivedMonth {
  month: string;
  path: string;
  signature: ArchiveSignature;
  chains: Map<string, ArchivedChain>;
  checkpoints: Checkpoint[];
  quarantined: Array<ArchivedQuarantineRow>;
  verification: Extract<ArchiveLine, { kind: 'verification' }> | undefined;
}

/** An archive that cannot be trusted or read: tampered, cut short, signed by an unknown key. */
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

/** Signs an archive file with the audit key. */
export async function signArchive(key: KeyPair, month: string, file: string, sha256: string): Promise<ArchiveSignature> {
  const signature = await webcrypto.subtle.sign('Ed25519', key.privateKey, archiveMessage({ month, file, sha256 }));
  return { format: ARCHIVE_FORMAT, month, file, sha256, keyId: key.keyId, signature: Buffer.from(signature).toString('base64url') };
}

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
 * Opens an archive: its signature must name this month and file, hash the file's bytes and hold
 * under a key of the audit key set; then its header, chain summaries, checkpoints and quarantined
 * records are read. Throws ArchiveProblem naming what does not hold.
 */
export async function openArchive(dir: string, month: string, keys: PublicKeySet): Promise<ArchivedMonth> {
  const file = archiveFileName(month);
  const path = join(dir, file);
  const signaturePath = join(dir, signatureFileName(file));
  if (!existsSync(path)) throw new ArchiveProblem(`archive of ${month}: ${path} is missing`);
  if (!existsSync(signaturePath)) throw new ArchiveProblem(`archive of ${month}: its signature ${signaturePath} is missing`);
  let signature: ArchiveSignature;
  try {
    signature = JSON.parse(readFileSync(signaturePath, 'utf8')) as ArchiveSignature;
  } catch {
    throw new ArchiveProblem(`archive of ${month}: ${signaturePath} is not a signature — the archive was altered`);
  }
  if (signature.format !== ARCHIVE_FORMAT || signature.month !== month || signature.file !== file)
    throw new ArchiveProblem(`archive of ${month}: its signature names another archive (${signature.month}, ${signature.file}) — the archive was altered`);
  const key = keys.get(signature.keyId);
  if (!key) throw new ArchiveProblem(`archive of ${month}: signed with key id "${signature.keyId}", which is not in the audit key set`);
  const valid = await webcrypto.subtle
    .verify('Ed25519', key, Buffer.from(String(signature.signature), 'base64url'), archiveMessage(signature))
    .catch(() => false);
  if (!valid) throw new ArchiveProblem(`archive of ${month}: the signature is not that of audit key "${signature.keyId}" — the archive was altered`);
  const sha256 = await fileSha256(path);
  if (sha256 !== signature.sha256)
    throw new ArchiveProblem(`archive of ${month}: ${file} does not hash to the signed SHA-256 — the archive's content was altered`);

  const archived: ArchivedMonth = { month, path, signature, chains: new Map(), checkpoints: [], quarantined: [], verification: undefined };
  let header = false;
  for await (const line of readArchiveLines(path, { skipRecords: true })) {
    if (line === SKIPPED) continue;
    if (line.kind === 'header') header = line.format === ARCHIVE_FORMAT && line.month === month;
    else if (line.kind === 'chain') archived.chains.set(line.chain, line);
    else if (line.kind === 'checkpoint') archived.checkpoints.push(line.checkpoint);
    else if (line.kind === 'quarantined') archived.quarantined.push(line.row);
    else if (line.kind === 'verification') archived.verification = line;
  }
  if (!header || !archived.verification) throw new ArchiveProblem(`archive of ${month}: no header or no verification line — the archive is incomplete`);
  return archived;
}

/** One archived record with its subject log rows. */
export interface ArchivedRecord {
  row: ArchivedRecordRow;
  subjects: ArchivedSubjectRow[];
}

/** A chain's records in an opened archive, in order, in pages of `size`. */
export async function* archivedRecordPages(archived: ArchivedMonth, chain: string, size = 5_000): AsyncGenerator<ArchivedRecord[]> {
  let page: ArchivedRecord[] = [];
  let seen = false;
  for await (const line of readArchiveLines(archived.path)) {
    if (line === SKIPPED || line.kind !== 'record') continue;
    if (line.row.chain !== chain) {
      if (seen) break; // a chain's records are together
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
