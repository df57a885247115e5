/**
 * Row conditions (README "Data minimisation: masks and row conditions", 周政发〔2018〕6号 art. 13, 23):
 * what the condition picker sends, and a grant's condition in words. The server checks every entry.
 */
import { openCasesField } from '../../policies/open-case.ts';
import type { RowConditionInput } from './gql/graphql.ts';

/** The picker's fields, as a form holds them. */
export interface RowConditionValues {
  conditionAttribute?: string | undefined;
  conditionValues?: string[] | undefined;
  openCase?: boolean | undefined;
}

/** The condition the picker describes (every entry holds); undefined when it narrows nothing. */
export function rowConditionOf(values: RowConditionValues): RowConditionInput[] | undefined {
  const anyOf = (values.conditionValues ?? []).map((value) => value.trim()).filter((value) => value.length > 0);
  const entries: RowConditionInput[] = [
    ...(values.conditionAttribute && anyOf.length > 0 ? [{ kind: 'ATTRIBUTE' as const, attribute: values.conditionAttribute, anyOf }] : []),
    ...(values.openCase ? [{ kind: 'OPEN_CASE' as const }] : []),
  ];
  return entries.length > 0 ? entries : undefined;
}

/**
 * Whether an open-case condition can be offered: the consumer's subgraph answers its open cases (its
 * `Query.<department>OpenCases` is in the catalog) and the items are a resident's (their resource has
 * an unconditional citizenId). As policies/governance/check-narrowing.ts checks; the server stays the authority.
 * @param catalogued coordinates of the catalog's root fields and unconditional items
 */
export function offersOpenCase(consumer: string | undefined, resource: string | undefined, catalogued: readonly string[]): boolean {
  return (
    consumer !== undefined && resource !== undefined && catalogued.includes(`Query.${openCasesField(consumer)}`) && catalogued.includes(`${resource}.citizenId`)
  );
}

/** One entry of a grant's condition, as the API lists it. */
export interface ConditionEntry {
  kind: string;
  attribute: string;
  anyOf: readonly string[];
}

/** A grant's condition in words: every entry holds. */
export function conditionText(condition: readonly ConditionEntry[] | null | undefined, t: (zh: string, en: string) => string): string {
  return (condition ?? [])
    .map((entry) =>
      entry.kind === 'OPEN_CASE'
        ? t('仅限使用部门有在办案件的居民', 'only residents the consumer has an open case for')
        : t(`仅限 ${entry.attribute} 为 ${entry.anyOf.join('、')} 的记录`, `only records whose ${entry.attribute} is ${entry.anyOf.join(', ')}`),
    )
    .join(t('，且', '; and '));
}
