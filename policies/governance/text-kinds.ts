/**
 * The kinds of governance text and their bounds, as data only: `check-text.ts` screens texts by
 * them, and the console bounds its fields by the same numbers.
 */
/** The kinds of governance text and their bounds. */
export const TEXT_KINDS = {
  /** Codes, ids, data items (`Type.field`), application ids, cursors: no whitespace at all. */
  identifier: { maxLength: 128, spaces: false },
  /** Short one-line texts: the business matter (as `X-Share-Matter`), catalog elements. */
  line: { maxLength: 128 },
  /** Justifications, reasons, legal bases, descriptions, evidence, answers. */
  prose: { maxLength: 2000, lineBreaks: true },
  /** A subgraph address (http or https). */
  url: { maxLength: 2048, spaces: false },
  /** A subgraph schema (SDL) a department publishes: below the gateway's request body limit, so a refusal names this bound. */
  schema: { maxLength: 192 * 1024, lineBreaks: true },
} as const;
