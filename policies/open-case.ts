/**
 * Open case
 *
 * A row condition of another kind: the subject must be one the consumer department holds an open case
 * for (civil-affairs reads a resident's household address only while it handles that resident's
 * 低保 application). No provider holds this fact; the consumer's own subgraph answers it, through the
 * root field `openCasesField(dept)` (`civilAffairsOpenCases(subjects: [CitizenId!]!): [CitizenId!]`),
 * asked by the gateway once per operation for every subject the decision needs. In a grant's CASL
 * condition the fact is the attribute `OPEN_CASE_ATTRIBUTE` (a name no GraphQL field can have), which
 * a record carries with the value `OPEN_CASE_HELD` only when the answer names its citizen ID: an
 * unanswered, failed or malformed answer leaves it absent, and the record meets no such condition
 * (fail closed). Serves 周政发〔2018〕6号 art. 13 (a grant's scope is what was approved) and art. 23
 * (personal data shared no further than the matter in hand needs).
 */
import type { RowCondition } from './types.ts';

/** The record attribute of the open-case fact: `@` keeps it apart from every field of every resource. */
export const OPEN_CASE_ATTRIBUTE = '@openCase';
const OPEN_CASE_HELD = 'HELD';
/** The condition a grant narrowed to open cases carries. */
export const OPEN_CASE_CONDITION: RowCondition = { [OPEN_CASE_ATTRIBUTE]: { $in: [OPEN_CASE_HELD] } };
/** The key the consumer's subgraph is asked about: open cases are about residents. */
export const OPEN_CASE_SUBJECT_KEY = 'citizenId';
/** Subjects one question may name; records beyond them in one operation meet no open-case condition. */
export const MAX_OPEN_CASE_SUBJECTS = 1_000;

/** The root field through which `dept`'s subgraph answers its open cases: `civil-affairs` → `civilAffairsOpenCases`. */
export function openCasesField(dept: string): string {
  const words = dept.split('-').filter((word) => word.length > 0);
  return [words[0] ?? '', ...words.slice(1).map((word) => word[0]!.toUpperCase() + word.slice(1))].join('') + 'OpenCases';
}

/** Whether a row decision reading `attributes` needs the consumer's open cases. */
export function needsOpenCases(attributes: readonly string[] | undefined): boolean {
  return attributes?.includes(OPEN_CASE_ATTRIBUTE) ?? false;
}

/**
 * The record as a condition reads it: its fetched attributes, and the open-case fact from the consumer's
 * answer (`undefined`: not asked, or not answered, so no subject is held).
 */
export function withOpenCase(record: Readonly<Record<string, unknown>>, openCases: ReadonlySet<string> | undefined): Record<string, unknown> {
  const { [OPEN_CASE_ATTRIBUTE]: _claimed, ...fetched } = record;
  const key = fetched[OPEN_CASE_SUBJECT_KEY];
  return typeof key === 'string' && openCases?.has(key) ? { ...fetched, [OPEN_CASE_ATTRIBUTE]: OPEN_CASE_HELD } : fetched;
}

/**
 * The consumer's answer, read strictly: a list of citizen IDs; only those asked about count. Anything
 * else is no answer (`undefined`), and every open-case condition then fails.
 */
export function readOpenCases(answer: unknown, asked: ReadonlySet<string>): ReadonlySet<string> | undefined {
  if (!Array.isArray(answer) || !answer.every((item) => typeof item === 'string')) return undefined;
  return new Set(answer.filter((item: string) => asked.has(item)));
}
