/**
 * Which subjects (residents by citizen ID, enterprises by credit code) each provider served to one
 * operation, for the subject-level access log (art. 22, 23): the keys of `_entities` representations
 * the provider answered with an entity, the keys found in what it returned, and — when it returned
 * anything at all — the keys its call named (root-field arguments). A key asked for and not found is
 * still listed in the last case: the log may overstate who was looked up, never understate it.
 * Identifiers stay in memory; the audit record keeps only their keyed HMACs.
 */
import { isCitizenId } from '../../schema/scalars/citizen-id.ts';
import { isCreditCode } from '../../schema/scalars/credit-code.ts';
import { entitiesReturned } from './count-served.ts';

/** Provider (subgraph) → identifiers it served, for one operation. */
export type ServedSubjects = Record<string, Set<string>>;

const isKey = (value: unknown): value is string => typeof value === 'string' && (isCitizenId(value) || isCreditCode(value));
const KEY_PATTERN = /"([0-9A-Z]{18})"/g;

// Walked for every answer of every provider (hundreds of objects per request): no entry arrays, no per-item allocation.
function collectKeys(value: unknown, into: Set<string>, depth = 0): void {
  if (depth > 32 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectKeys(item, into, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const field in record) {
    if (!Object.hasOwn(record, field)) continue;
    const item = record[field];
    // A key already found (its representation, another object naming it) is not checked again.
    if (typeof item === 'string') {
      if ((field === 'citizenId' || field === 'creditCode') && !into.has(item) && isKey(item)) into.add(item);
    } else collectKeys(item, into, depth + 1);
  }
}

function keysIn(value: unknown, into: Set<string>, depth = 0): void {
  if (depth > 32) return;
  if (isKey(value)) into.add(value);
  else if (Array.isArray(value)) for (const item of value) keysIn(item, into, depth + 1);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) keysIn(item, into, depth + 1);
}

/** Adds what `subgraph` served for one call: `request` as sent, `data` as answered (undefined: the call failed). */
export function collectSubjects(
  served: ServedSubjects | undefined,
  subgraph: string,
  request: { query?: string | undefined; variables?: Record<string, unknown> | undefined },
  data: unknown,
): void {
  if (!served || typeof data !== 'object' || data === null) return;
  const found = new Set<string>();
  const answer = data as Record<string, unknown>;
  const representations = request.variables?.['representations'];
  if (Array.isArray(answer['_entities']) && Array.isArray(representations)) {
    const entities = answer['_entities'] as unknown[];
    for (let i = 0; i < entities.length; i++) {
      if (entities[i] === null || entities[i] === undefined) continue;
      const representation = representations[i] as Record<string, unknown> | undefined;
      const citizenId = representation?.['citizenId'];
      const creditCode = representation?.['creditCode'];
      if (isKey(citizenId)) found.add(citizenId);
      if (isKey(creditCode)) found.add(creditCode);
    }
  } else if (entitiesReturned(data) > 0) {
    keysIn(request.variables, found);
    for (const match of (request.query ?? '').matchAll(KEY_PATTERN)) if (isKey(match[1])) found.add(match[1]);
  }
  collectKeys(data, found);
  if (found.size === 0) return;
  const subjects = (served[subgraph] ??= new Set());
  for (const key of found) subjects.add(key);
}
