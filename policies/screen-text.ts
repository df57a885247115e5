/**
 * Screen text
 *
 * A text a person chose — the business matter, an operation name, a token's application id, every
 * governance argument — is accepted only if it fits its shape: at most so many characters (code
 * points, after normalising free text to NFC when the shape asks for it), and nothing a reader
 * cannot see or the store cannot hold: lone surrogates, control characters (NUL, C0, DEL, C1; prose
 * keeps line feeds, carriage returns and tabs), format characters (bidi embeddings, overrides and
 * isolates, LRM/RLM, zero-width spaces and joiners, BOM, tags), line and paragraph separators
 * (U+2028/9) and noncharacters. A shape may also forbid whitespace or require a pattern.
 * Serves art. 5(4) (security over the whole process), 15 (the record says exactly who received
 * what for which matter) and 19 (no input turns into a store failure).
 *
 * Pure and wordless: it names the fault; the gateway's edge and governance each word it as their
 * error.
 */

export interface TextShape {
  /** Most characters (code points, after normalising). */
  maxLength: number;
  /** Normalise to NFC before checking (free text); identifiers are compared as they are. */
  normalize?: boolean;
  /** Prose: line feeds, carriage returns and tabs are allowed. */
  lineBreaks?: boolean;
  /** Whitespace allowed; default true. */
  spaces?: boolean;
  /** The whole text must match. */
  pattern?: RegExp;
}

export type TextFault =
  | { fault: 'too-long'; maxLength: number }
  | { fault: 'lone-surrogate'; codePoint: string }
  | { fault: 'unseen'; codePoint: string }
  | { fault: 'separator'; codePoint: string }
  | { fault: 'space' }
  | { fault: 'pattern' };

export type TextScreening = { ok: true; text: string } | ({ ok: false } & TextFault);

// Cs: surrogates, which only match when unpaired; Cc: C0/C1 controls and DEL (NUL included);
// Cf: format characters; Zl/Zp: line and paragraph separators; noncharacters.
const UNSEEN = /[\p{Cs}\p{Cc}\p{Cf}\p{Zl}\p{Zp}\uFDD0-\uFDEF\uFFFE\uFFFF]/gu;
const PROSE_CONTROLS = new Set(['\n', '\r', '\t']);
const SURROGATE = /\p{Cs}/u;
const SEPARATOR = /[\p{Zl}\p{Zp}]/u;
const SPACE = /\s/u;

function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function isLonger(text: string, max: number): boolean {
  // UTF-16 units bound the count of code points from both sides: a huge text is never counted.
  if (text.length <= max) return false;
  if (text.length > 2 * max) return true;
  let count = 0;
  for (const _ of text) if (++count > max) return true;
  return false;
}

const fail = (fault: TextFault): TextScreening => ({ ok: false, ...fault });

/** Whether `raw` fits `shape`, and the text to keep (normalised when the shape asks for it). */
export function screenText(raw: string, shape: TextShape): TextScreening {
  // A lone surrogate is named before normalising or counting, whatever else the text holds.
  if (!raw.isWellFormed()) return fail({ fault: 'lone-surrogate', codePoint: codePoint(SURROGATE.exec(raw)![0]) });
  const text = shape.normalize ? raw.normalize('NFC') : raw;
  if (isLonger(text, shape.maxLength)) return fail({ fault: 'too-long', maxLength: shape.maxLength });
  for (const [character] of text.matchAll(UNSEEN)) {
    if (shape.lineBreaks && PROSE_CONTROLS.has(character)) continue;
    return fail({ fault: SEPARATOR.test(character) ? 'separator' : 'unseen', codePoint: codePoint(character) });
  }
  if (shape.spaces === false && SPACE.test(text)) return fail({ fault: 'space' });
  if (shape.pattern && !shape.pattern.test(text)) return fail({ fault: 'pattern' });
  return { ok: true, text };
}
