/**
 * Decide row
 *
 * What one record's data item becomes for a consumer whose ability holds row conditions or masks:
 * read in full, read masked, or withheld because the record lies outside every condition the
 * consumer's grants carry. `rowScopeOf` tells, before execution, which items need that decision and
 * which attributes of the record it reads; an item that needs none is the same for every record.
 * A record whose attributes could not be read meets no condition (fail closed). An open-case condition
 * (`open-case.ts`) reads the record's citizen ID and the consumer's answer about its open cases.
 * Serves 周政发〔2018〕6号 art. 13 (a grant's scope is what was approved) and art. 23 (personal data
 * shared no further than the purpose needs).
 */
import { subject } from '@casl/ability';
import type { ShareAbility } from './build-share-ability.ts';
import { needsOpenCases, OPEN_CASE_SUBJECT_KEY, withOpenCase } from './open-case.ts';
import type { MaskKind, RowCondition } from './types.ts';

export type RowVerdict = { verdict: 'READ' } | { verdict: 'MASKED'; mask: MaskKind } | { verdict: 'FORBIDDEN_ROW'; conditions: RowCondition[] };

function conditionsOf(ability: ShareAbility, action: 'read' | 'readUnmasked', typeName: string, fieldName: string): RowCondition[] {
  return ability
    .rulesFor(action, typeName, fieldName)
    .filter((rule) => !rule.inverted && rule.conditions !== undefined)
    .map((rule) => rule.conditions as RowCondition);
}

/** The record attributes the decision reads, or `undefined` when the item reads the same (in full) for every record. */
export function rowScopeOf(ability: ShareAbility, typeName: string, fieldName: string): readonly string[] | undefined {
  if (!ability.can('read', typeName, fieldName)) return undefined;
  const conditions = [...conditionsOf(ability, 'read', typeName, fieldName), ...conditionsOf(ability, 'readUnmasked', typeName, fieldName)];
  if (conditions.length === 0 && ability.can('readUnmasked', typeName, fieldName)) return undefined;
  const attributes = conditions.flatMap((condition) => Object.keys(condition));
  // The open-case fact is asked about by the subject's key, which the record must then bring along.
  if (needsOpenCases(attributes)) attributes.push(OPEN_CASE_SUBJECT_KEY);
  return [...new Set(attributes)].sort();
}

/** `openCases`: the subjects the consumer's own subgraph said it holds an open case for (absent: none, or no answer). */
export function decideRow(
  ability: ShareAbility,
  typeName: string,
  fieldName: string,
  record: Readonly<Record<string, unknown>>,
  openCases?: ReadonlySet<string>,
): RowVerdict {
  const row = subject(typeName, withOpenCase(record, openCases));
  if (!ability.can('read', row, fieldName)) return { verdict: 'FORBIDDEN_ROW', conditions: conditionsOf(ability, 'read', typeName, fieldName) };
  if (ability.can('readUnmasked', row, fieldName)) return { verdict: 'READ' };
  const mask = ability.masks.get(`${typeName}.${fieldName}`);
  // Readable only masked, yet no kind is known: nothing is safe to send.
  return mask ? { verdict: 'MASKED', mask } : { verdict: 'FORBIDDEN_ROW', conditions: [] };
}
