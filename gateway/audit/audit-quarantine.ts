/**
 * Quarantine: where a record goes when the store refuses it for what it holds rather than for being
 * away. Text validation keeps consumer text out of records before they are built; this is the net
 * behind it, so that one record the store cannot take never blocks the records after it. A
 * quarantined record keeps its place in the chain: verification accepts it only when its JSON
 * hashes to the hash the chain links through.
 */
import { asciiOnly, quarantinedRecordOf, recordHashHolds } from './audit-codec.ts';
import type { ChainedRecord } from './audit-record.ts';

/** A quarantined record with why and when, as held in `audit_quarantine` or the local quarantine file. */
export interface QuarantinedRecord {
  record: ChainedRecord;
  reason: string;
  /** ISO 8601 instant. */
  at: string;
}

/**
 * Whether the store refused the statement for its data rather than failing to run it: SQLSTATE class
 * 22 (data exception: NUL in text, `\u0000` in jsonb, bad JSON…), 23 (integrity constraint) and
 * 54 (program limit: a value too large for its index). PostgreSQL (pg) and PGlite both throw errors
 * carrying the SQLSTATE in `code`; network errors carry errno codes (`ECONNREFUSED`) or class 08/57.
 */
export function isContentRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^(22|23|54)[0-9A-Z]{3}$/.test(code);
}

/**
 * Every string in the record, keys included, is well-formed UTF-16; a lone surrogate would be stored as
 * U+FFFD and break the hash. Walked without serialising: a record listing hundreds of subjects is checked
 * string by string, and the walk stops at the first ill-formed one.
 */
export function isStorable(record: ChainedRecord): boolean {
  return wellFormed(record);
}

function wellFormed(value: unknown): boolean {
  if (typeof value === 'string') return value.isWellFormed();
  if (Array.isArray(value)) return value.every(wellFormed);
  if (value === null || typeof value !== 'object') return true;
  for (const key in value) {
    if (!key.isWellFormed() || !wellFormed((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** The reason a store gave, as plain ASCII that any column takes. */
export function describeRefusal(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return asciiOnly(`${typeof code === 'string' ? `SQLSTATE ${code}: ` : ''}${String(message ?? error)}`).slice(0, 500);
}

/**
 * Checks a quarantined row in its place: the JSON parses to an object, names this chain and sequence number, links
 * to the previous hash and hashes to the hash recorded for it. Returns the problem, if any.
 */
export function checkQuarantined(row: { record: string; hash: string }, chain: string, seq: number, prevHash: string): string | undefined {
  const record = quarantinedRecordOf(row);
  if (record === undefined) return 'its quarantined JSON does not parse as a record — the quarantined record was changed';
  if (record.chain !== chain || record.seq !== seq) return 'its quarantined JSON names another place in the chain — the quarantined record was changed';
  if (record.prevHash !== prevHash) return "its quarantined JSON does not link to the previous record's hash — the chain was cut or reordered";
  if (record.hash !== row.hash || !recordHashHolds(record)) return 'its quarantined JSON does not match its hash — the quarantined record was changed';
  return undefined;
}
