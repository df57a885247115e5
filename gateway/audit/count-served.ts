/**
 * What each provider actually returned to one operation, for its audit record (art. 15, 17): per
 * subgraph, the calls made and the entities it answered with — non-null entries of an `_entities`
 * answer, and for root fields every non-null object or value returned (a list counts its items, so
 * `residents(citizenIds: [100 ids])` counts the residents found, not 1). Counted from the answer, not
 * from what was asked: unknown keys come back null and are not counted.
 */

/** Provider (subgraph) → calls made and entities returned, for one operation. */
export type ServedCounts = Record<string, { calls: number; entities: number }>;

function countValues(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countValues(item), 0);
  return 1;
}

/** Entities in one subgraph answer's `data`. */
export function entitiesReturned(data: unknown): number {
  if (typeof data !== 'object' || data === null) return 0;
  const answer = data as Record<string, unknown>;
  if ('_entities' in answer) return countValues(answer['_entities']);
  return Object.entries(answer).reduce((sum, [field, value]) => (field.startsWith('__') ? sum : sum + countValues(value)), 0);
}

/** Adds one call to `subgraph` and what it returned (`data` undefined: the call failed). */
export function countCall(served: ServedCounts | undefined, subgraph: string, data: unknown): void {
  if (!served) return;
  const counts = (served[subgraph] ??= { calls: 0, entities: 0 });
  counts.calls += 1;
  counts.entities += entitiesReturned(data);
}
