/**
 * Consumer text
 *
 * A text the consumer chose at the edge (the business matter, an operation name, the application
 * id in its token) is read through the one text rule (`policies/screen-text.ts`): well-formed
 * Unicode, no control, format or separator character, within its length and pattern. Free text is
 * normalised to NFC first, so the same words are stored and compared as the same characters;
 * identifiers are ASCII and need no normalising. Serves art. 15 (the audit trail says exactly who
 * received what, for which matter, and a text that the store refuses or a reader's screen reorders
 * must never reach it) and art. 5(4).
 *
 * Every reader of consumer text (purpose headers, authentication, the HTTP edge) asks this one
 * function and turns its verdict into its own error.
 */
import { screenText, type TextShape } from '../../policies/screen-text.ts';

export interface TextRule extends TextShape {
  /** How the text is named in a refusal, e.g. `X-Share-Matter`. */
  name: string;
  /** What `pattern` allows, in words. */
  patternHint?: string;
}

export type TextVerdict = { text: string } | { problem: string };

/** A business matter: free text, ≤ 128 characters (README, Headers). */
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
  const screening = screenText(raw, rule);
  if (screening.ok) return { text: screening.text };
  switch (screening.fault) {
    case 'lone-surrogate':
      return { problem: `${rule.name} is not well-formed Unicode (a lone surrogate)` };
    case 'unseen':
    case 'separator':
      return { problem: `${rule.name} must not contain control, format or separator characters (found ${screening.codePoint})` };
    case 'too-long':
      return { problem: `${rule.name} must be at most ${rule.maxLength} characters` };
    case 'space':
    case 'pattern':
      return { problem: `${rule.name} must be ${rule.patternHint ?? `like ${rule.pattern}`}` };
  }
}
