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
  /**
   * The subjects (citizen IDs, credit codes) the providers served, as keyed HMACs; absent when none.
   * Records list them as a `SubjectList`; records written before migration 0023 as `SubjectsByProvider`.
   */
  subjects?: SubjectList | SubjectsByProvider | undefined;
  /** SHA-256 of the operation's literal-free document (`operation_documents`, operation-document.ts); absent when none was kept. */
  documentHash?: string | undefined;
}

/**
 * The subjects a record's providers served, each listed once: their keyed HMACs, sorted, and per provider
 * which of them it served, `'*'` for all of them (a read joining several providers' data about the same
 * residents, the usual case) or else those HMACs, sorted. A read of 100 residents from four providers
 * lists 100 HMACs, not 400. Only strings, never numbers: a stored value reads the same in the store's
 * lookups as in the hash JavaScript computes over it (a number such as 1.00000000000000000001 would be 1
 * to the hash, and not 1 to the store).
 */
export interface SubjectList {
  hmacs: string[];
  servedBy: Record<string, '*' | string[]>;
}

/** How records written before migration 0023 list their subjects: provider → the HMACs it served, sorted. */
export type SubjectsByProvider = Record<string, string[]>;

/** Whether `subjects` is a `SubjectList` (a `SubjectsByProvider` holds only arrays, never an object). */
export function isSubjectList(subjects: SubjectList | SubjectsByProvider): subjects is SubjectList {
  const { hmacs, servedBy } = subjects as Partial<SubjectList>;
  return Array.isArray(hmacs) && typeof servedBy === 'object' && servedBy !== null && !Array.isArray(servedBy);
}

/**
 * The list of what each provider served (provider → subjects, repeats allowed), each subject's HMAC
 * computed once by `hmacOf` (by default the subjects are HMACs already; undefined: not a subject, left
 * out); undefined when nobody served anyone. Runs for every record: one map lookup per subject named.
 */
export function listSubjects(
  served: ReadonlyMap<string, Iterable<string>>,
  hmacOf: (subject: string) => string | undefined = (hmac) => hmac,
): SubjectList | undefined {
  /** One per HMAC: the last provider (by place) that listed it. */
  interface Listed {
    hmac: string;
    by: number;
  }
  const bySubject = new Map<string, Listed | null>();
  const byHmac = new Map<string, Listed>();
  const providers: Array<[string, string[]]> = [];
  let place = 0;
  let last: { subjects: readonly string[]; own: string[] } | undefined;
  for (const [provider, subjects] of served) {
    // Providers called with the same keys (a batch read joining several departments' fields) are given
    // the very strings of one representation list, in order: their subjects are read once.
    if (last && Array.isArray(subjects) && sameStrings(subjects, last.subjects)) {
      if (last.own.length > 0) providers.push([provider, last.own]);
      continue;
    }
    const own: string[] = [];
    for (const subject of subjects) {
      let listed = bySubject.get(subject);
      if (listed === undefined) {
        const hmac = hmacOf(subject);
        listed = hmac === undefined ? null : (byHmac.get(hmac) ?? { hmac, by: -1 });
        if (listed) byHmac.set(listed.hmac, listed);
        bySubject.set(subject, listed);
      }
      if (listed === null || listed.by === place) continue;
      listed.by = place;
      own.push(listed.hmac);
    }
    if (own.length > 0) providers.push([provider, own]);
    if (Array.isArray(subjects)) last = { subjects, own };
    place++;
  }
  if (byHmac.size === 0) return undefined;
  const servedBy: Record<string, '*' | string[]> = {};
  for (const [provider, own] of providers) servedBy[provider] = own.length === byHmac.size ? '*' : [...own].sort();
  return { hmacs: [...byHmac.keys()].sort(), servedBy };
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A copy sharing no list with `subjects` (a record is a value, never a view of its caller's lists); structuredClone costs several times more. */
export function copySubjects(subjects: SubjectList | SubjectsByProvider): SubjectList | SubjectsByProvider {
  const copyOf = (lists: Record<string, '*' | string[]>) =>
    Object.fromEntries(Object.entries(lists).map(([provider, hmacs]) => [provider, hmacs === '*' ? hmacs : [...hmacs]]));
  return isSubjectList(subjects) ? { hmacs: [...subjects.hmacs], servedBy: copyOf(subjects.servedBy) } : (copyOf(subjects) as SubjectsByProvider);
}

/**
 * Every provider and subject HMAC pair a record lists, each once, whichever way it lists them, read as
 * the store's lookup reads them (subject-log.ts): in a subject list a provider's HMAC counts only when
 * `hmacs` lists it too. Content of another shape (a value that is not a string or a list) makes no
 * pair: the record's hash check names it.
 */
export function subjectPairs(subjects: SubjectList | SubjectsByProvider | undefined): Array<{ provider: string; hmac: string }> {
  if (!subjects) return [];
  const pairs: Array<{ provider: string; hmac: string }> = [];
  const add = (provider: string, hmacs: Iterable<unknown>, listed?: ReadonlySet<string>) => {
    for (const hmac of new Set(hmacs)) if (typeof hmac === 'string' && (!listed || listed.has(hmac))) pairs.push({ provider, hmac });
  };
  if (!isSubjectList(subjects)) {
    for (const [provider, hmacs] of Object.entries(subjects)) if (Array.isArray(hmacs)) add(provider, hmacs);
    return pairs;
  }
  const listed = new Set(subjects.hmacs.filter((hmac) => typeof hmac === 'string'));
  for (const [provider, served] of Object.entries(subjects.servedBy)) {
    if (served === '*') add(provider, listed);
    else if (Array.isArray(served)) add(provider, served, listed);
  }
  return pairs;
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
