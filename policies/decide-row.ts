/**
 * Decide row
 *
 * What one record's data item becomes for a consumer whose ability holds row conditions or masks:
 * read in full, read masked, or withheld because the record lies outside every condition the
 * consumer's grants carry. `rowScopeOf` tells, before execution, which items need that decision and
 * which attributes of the record it reads; an item that needs none is the same for every record.
 * A record whose attributes could not be read meets no condition (fail closed).
 * Serves 周政发〔2018〕6号 art. 13 (a grant's scope is what was approved) and art. 23 (personal data
 * shared no further than the purpose needs).
 */
import { subject } from '@casl/ability';
import type { ShareAbility } from './build-share-ability.ts';
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
  return [...new Set(conditions.flatMap((condition) => Object.keys(condition)))].sort();
}

export function decideRow(ability: ShareAbility, typeName: string, fieldName: string, record: Readonly<Record<string, unknown>>): RowVerdict {
  const row = subject(typeName, { ...record });
  if (!ability.can('read', row, fieldName)) return { verdict: 'FORBIDDEN_ROW', conditions: conditionsOf(ability, 'read', typeName, fieldName) };
  if (ability.can('readUnmasked', row, fieldName)) return { verdict: 'READ' };
  const mask = ability.masks.get(`${typeName}.${fieldName}`);
  // Readable only masked, yet no kind is known: nothing is safe to send.
  return mask ? { verdict: 'MASKED', mask } : { verdict: 'FORBIDDEN_ROW', conditions: [] };
}
