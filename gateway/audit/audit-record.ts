/**
 * One audit record per data request (art. 15: who received which data items, for which purpose):
 * who, purpose and matter, which operation, which `Type.field`s were granted, denied and masked,
 * which providers served how many entities, the outcome and the duration. Never a field value.
 * Records of one gateway instance form a hash chain: each hash covers the record and the previous hash.
 */
import { hashRecord } from './audit-codec.ts';

/**
 * `REJECTED`: refused as invalid (bad header, parse or validation failure, bad key literal, missing
 * purpose, oversize batch, rate limit…), with its `code`. `REFUSED`: strict mode refused denied items.
 * `PURPOSE_REQUIRED` is only found in records written before refusals carried a code.
 */
export const AUDIT_OUTCOMES = ['SERVED', 'PARTIAL', 'REFUSED', 'REJECTED', 'PURPOSE_REQUIRED', 'ERROR'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditEntry {
  /** ISO 8601 instant with milliseconds. */
  at: string;
  requestId: string;
  app: string;
  dept: string;
  roles: string[];
  purpose: string | null;
  matter: string | null;
  operationHash: string;
  operationName: string | null;
  granted: string[];
  denied: string[];
  masked: string[];
  /** Providers whose items were granted (the "who used my data" view). */
  providers: string[];
  /** Provider → calls made and entities (objects) it returned. */
  served: Record<string, { calls: number; entities: number }>;
  outcome: AuditOutcome;
  /** The error code the consumer received, for REJECTED and REFUSED; absent otherwise. */
  code?: string | undefined;
  durationMs: number;
  /** A verification call (核验): per verified `Type.field`, how many claims were MATCH, MISMATCH, NO_RECORD. Never a value. */
  verified?: Record<string, VerificationCounts> | undefined;
  /** Provider → keyed HMACs of the subjects (citizen IDs, credit codes) it served, sorted; absent when none. */
  subjects?: Record<string, string[]> | undefined;
  /** SHA-256 of the operation's literal-free document (`operation_documents`, operation-document.ts); absent when none was kept. */
  documentHash?: string | undefined;
}

/** Outcomes of the claims on one item in one verification call. */
export interface VerificationCounts {
  MATCH: number;
  MISMATCH: number;
  NO_RECORD: number;
}

export interface ChainedRecord extends AuditEntry {
  chain: string;
  seq: number;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = 'genesis';

/** The entry in its place in the chain, with its hash (audit-codec.ts defines what the hash covers). */
export function chainRecord(entry: AuditEntry, chain: string, seq: number, prevHash: string): ChainedRecord {
  return { ...entry, chain, seq, prevHash, hash: hashRecord(entry, chain, seq, prevHash) };
}

/** The providers whose items a record granted, for "who used my data" (art. 15). */
export function grantedProviders(granted: readonly string[], providerOf: (coordinate: string) => string | undefined): string[] {
  return [...new Set(granted.map(providerOf).filter((p): p is string => p !== undefined))].sort();
}
