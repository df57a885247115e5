/**
 * The limits every operation is held to before any work starts (art. 19: a stable and reliable
 * platform no single request can stall). Defaults fit every query the platform's own consumers and
 * tests send with a wide margin; the README's "Limits" table lists them with the code each answers.
 */

export interface OperationLimits {
  /** Lexical tokens the parser reads before it gives up (graphql-js `maxTokens`). Default 3000. */
  tokens: number;
  /** Brackets (`{`, `[`, `(`) nested in the text, checked before parsing so no parser recursion overflows. Default 64. */
  nesting: number;
  /** Deepest field nesting, introspection excepted. Default 12 (the demo's deepest useful query is 6). */
  depth: number;
  /** Fields that reach the response, fragments expanded. Default 500 (the standard introspection query has about 200). */
  selections: number;
  /** Aliased fields, fragments expanded. Default 200. */
  aliases: number;
  /** Root fields. Default 20. */
  rootFields: number;
  /** Directive uses, fragments expanded. Default 100. */
  directives: number;
  /** `__schema` / `__type` fields. Default 3 (a client asks for one schema at a time). */
  introspection: number;
  /** Entity keys one HTTP request may name, summed over its operations (literals and variables). Default 100. */
  keysPerRequest: number;
  /** Operations in one batched HTTP request. Default 20. */
  batch: number;
  /** Bytes of one serialised answer. Default 4 MiB. */
  responseBytes: number;
}

export const DEFAULT_OPERATION_LIMITS: Readonly<OperationLimits> = Object.freeze({
  tokens: 3000,
  nesting: 64,
  depth: 12,
  selections: 500,
  aliases: 200,
  rootFields: 20,
  directives: 100,
  introspection: 3,
  keysPerRequest: 100,
  batch: 20,
  responseBytes: 4 * 1024 * 1024,
});
