/**
 * Check text
 *
 * A governance text is only accepted if it fits its kind: at most so many characters, and nothing a
 * reader cannot see or the store cannot hold — NUL and every other control character (prose keeps
 * line breaks and tabs), format characters such as bidirectional overrides and isolates or
 * zero-width marks (they make a record read otherwise than it is stored), and lone surrogates.
 * Serves art. 5(4) (security over the whole process) and art. 19: a decision's record says exactly
 * what was decided, and no input turns into a store failure.
 */
import { allow, deny, type Verdict } from './verdict.ts';

/** The kinds of governance text and their bounds. */
export const TEXT_KINDS = {
  /** Codes, ids, data items (`Type.field`), application ids, cursors: no whitespace at all. */
  identifier: { max: 128, spaces: false, lineBreaks: false },
  /** Short one-line texts: the business matter (as `X-Share-Matter`), catalog elements. */
  line: { max: 128, spaces: true, lineBreaks: false },
  /** Justifications, reasons, legal bases, descriptions, evidence, answers. */
  prose: { max: 2000, spaces: true, lineBreaks: true },
  /** A subgraph address (http or https). */
  url: { max: 2048, spaces: false, lineBreaks: false },
  /** A subgraph schema (SDL) a department publishes: below the gateway's request body limit, so a refusal names this bound. */
  schema: { max: 192 * 1024, spaces: true, lineBreaks: true },
} as const;

export type TextKind = keyof typeof TEXT_KINDS;

// Cc: C0 controls (NUL included), DEL, C1; Cf: format characters (bidi controls, zero-width, BOM);
// Cs: surrogates, which only match when unpaired.
const UNSEEN = /[\p{Cc}\p{Cf}\p{Cs}]/gu;
const PROSE_CONTROLS = new Set(['\n', '\r', '\t']);
const LINE_BREAK = /[\n\r\u2028\u2029]/u;
const SPACE = /\s/u;

function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function length(value: string, max: number): number {
  // UTF-16 units bound the count of characters from both sides: no need to count a huge text.
  if (value.length <= max || value.length > 2 * max) return value.length;
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

/** Whether `value` may be stored as the governance text `argument` of the given kind. */
export function checkText(argument: string, value: string, kind: TextKind): Verdict {
  const bounds = TEXT_KINDS[kind];
  const size = length(value, bounds.max);
  if (size > bounds.max) return deny('BAD_USER_INPUT', `${argument} is too long: at most ${bounds.max} characters`);
  for (const [character] of value.matchAll(UNSEEN)) {
    if (bounds.lineBreaks && PROSE_CONTROLS.has(character)) continue;
    return deny('BAD_USER_INPUT', `${argument} contains an invisible or control character (${codePoint(character)}); remove it`);
  }
  if (!bounds.lineBreaks && LINE_BREAK.test(value)) return deny('BAD_USER_INPUT', `${argument} must be a single line`);
  if (!bounds.spaces && SPACE.test(value)) return deny('BAD_USER_INPUT', `${argument} must not contain spaces`);
  return allow(true);
}
