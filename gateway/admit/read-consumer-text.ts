/**
 * Consumer text
 *
 * A text the consumer chose (the business matter, an operation name, the application id in its
 * token) is only accepted if it is well-formed Unicode, holds no control, format or separator
 * character (NUL, C0/C1 controls, bidi overrides and isolates, zero-width characters, U+2028/9)
 * and fits its length and pattern. Free text is normalised to NFC first, so the same words are
 * stored and compared as the same characters; identifiers are ASCII and need no normalising.
 * Serves art. 15 (the audit trail says exactly who received what, for which matter, and a text
 * that the store refuses or a reader's screen reorders must never reach it) and art. 5(4).
 *
 * Pure: every reader of consumer text (purpose headers, authentication, the HTTP edge) asks this
 * one function and turns its verdict into its own error.
 */

export interface TextRule {
  /** How the text is named in a refusal, e.g. `X-Share-Matter`. */
  name: string;
  /** Most characters (code points, after normalising). */
  maxLength: number;
  /** Normalise to NFC before checking (free text); default false (identifiers). */
  normalize?: boolean;
  /** The whole text must match; `patternHint` says in words what it allows. */
  pattern?: RegExp;
  patternHint?: string;
}

export type TextVerdict = { text: string } | { problem: string };

// Cc: C0/C1 controls and DEL (NUL included); Cf: bidi embeddings, overrides and isolates, LRM/RLM/ALM,
// zero-width spaces and joiners, BOM, tags; Zl/Zp: line and paragraph separators; noncharacters.
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\uFDD0-\uFDEF\uFFFE\uFFFF]/u;

/** A business matter: free text, ≤ 128 characters (DESIGN.md's external contract). */
export const MATTER_TEXT: TextRule = { name: 'X-Share-Matter', maxLength: 128, normalize: true };

/** An operation name asked for over HTTP: a GraphQL name, as only such a name can name an operation. */
export const OPERATION_NAME_TEXT: TextRule = {
  name: 'operationName',
  maxLength: 256,
  pattern: /^[_A-Za-z][_0-9A-Za-z]*$/,
  patternHint: 'a GraphQL name (letters, digits, _)',
};

/** The application id (`sub`) of a consumer token: an identifier the platform issued. */
export const APP_ID_TEXT: TextRule = {
  name: 'application id (sub)',
  maxLength: 64,
  pattern: /^[A-Za-z0-9][A-Za-z0-9._:@-]*$/,
  patternHint: 'ASCII letters, digits and . _ : @ -',
};

export function readConsumerText(raw: string, rule: TextRule): TextVerdict {
  if (!raw.isWellFormed()) return { problem: `${rule.name} is not well-formed Unicode (a lone surrogate)` };
  const text = rule.normalize ? raw.normalize('NFC') : raw;
  const forbidden = FORBIDDEN.exec(text);
  if (forbidden) {
    const codePoint = forbidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return { problem: `${rule.name} must not contain control, format or separator characters (found U+${codePoint})` };
  }
  // Code points, not UTF-16 units: a character outside the BMP counts once.
  let length = 0;
  for (const _ of text) if (++length > rule.maxLength) return { problem: `${rule.name} must be at most ${rule.maxLength} characters` };
  if (rule.pattern && !rule.pattern.test(text)) return { problem: `${rule.name} must be ${rule.patternHint ?? `like ${rule.pattern}`}` };
  return { text };
}
