/**
 * Which subjects (residents by citizen ID, enterprises by credit code) each provider served to one
 * operation, for the subject-level access log (art. 22, 23): the keys of `_entities` representations
 * the provider answered with an entity, every key its answer holds (by value, whatever the field or
 * alias it came under), and — when it returned anything at all — the keys its call named (root-field
 * arguments). A key asked for and not found is still listed in the last case: the log may overstate
 * who was looked up, never understate it. Identifiers stay in memory; the audit record keeps only their
 * keyed HMACs.
 */
import { isCitizenId } from '../../schema/scalars/citizen-id.ts';
import { isCreditCode } from '../../schema/scalars/credit-code.ts';
import { entitiesReturned } from './count-served.ts';
import { listSubjects, type SubjectList } from './audit-record.ts';
import type { SubjectHmac } from '../../platform/subject-key.ts';

const isKey = (value: unknown): value is string => typeof value === 'string' && (isCitizenId(value) || isCreditCode(value));

/**
 * What each provider served to one operation, created only where its record will list the subjects:
 * while the calls run, the strings that may be keys, as found (repeats allowed, nothing checked); when
 * the record is made, each is checked and hashed once (`list`). Collecting then costs an array push.
 */
export class ServedSubjects {
  /** Provider (subgraph) → strings found that may be keys. */
  readonly #found = new Map<string, string[]>();

  /** The strings `provider`'s calls found so far, to add to. */
  of(provider: string): string[] {
    let found = this.#found.get(provider);
    if (!found) this.#found.set(provider, (found = []));
    return found;
  }

  /** The record's subject list: the keys among what was found, by their HMACs (audit-record.ts). */
  list(hmac: SubjectHmac): SubjectList | undefined {
    return listSubjects(this.#found, (found) => (isKey(found) ? hmac(found) : undefined));
  }
}

/** A string literal of 18 key characters in a query's text. */
const KEY_PATTERN = /"([0-9A-Z]{18})"/g;
/** Citizen IDs and credit codes alike. */
const KEY_LENGTH = 18;

/**
 * Every string of key length in an answer or a call's variables, whatever the field or alias it came
 * under. Walked for every answer of every provider (hundreds of objects per request): no entry arrays,
 * no per-item allocation.
 */
function collectKeys(value: unknown, into: string[], depth = 0): void {
  if (typeof value === 'string') {
    if (value.length === KEY_LENGTH) into.push(value);
    return;
  }
  if (depth > 32 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectKeys(item, into, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const field in record) if (Object.hasOwn(record, field)) collectKeys(record[field], into, depth + 1);
}

/** Every key written as a string literal in a query's text. */
function scanKeys(text: string, into: string[]): void {
  for (const match of text.matchAll(KEY_PATTERN)) into.push(match[1]!);
}

/** Adds what `subgraph` served for one call: `request` as sent, `data` as answered (undefined: the call failed). */
export function collectSubjects(
  served: ServedSubjects | undefined,
  subgraph: string,
  request: { query?: string | undefined; variables?: Record<string, unknown> | undefined },
  data: unknown,
): void {
  if (!served || typeof data !== 'object' || data === null) return;
  const found = served.of(subgraph);
  const answered = data as Record<string, unknown>;
  const representations = request.variables?.['representations'];
  if (Array.isArray(answered['_entities']) && Array.isArray(representations)) {
    const entities = answered['_entities'] as unknown[];
    for (let i = 0; i < entities.length; i++) {
      if (entities[i] === null || entities[i] === undefined) continue;
      const representation = representations[i] as Record<string, unknown> | undefined;
      const citizenId = representation?.['citizenId'];
      const creditCode = representation?.['creditCode'];
      if (typeof citizenId === 'string') found.push(citizenId);
      if (typeof creditCode === 'string') found.push(creditCode);
    }
  } else if (entitiesReturned(data) > 0) {
    collectKeys(request.variables, found);
    scanKeys(request.query ?? '', found);
  }
  collectKeys(data, found);
}
