/**
 * Refusals that Apollo Server reports under its own codes, given the code that says what happened:
 * a limit of ours reported during validation (Apollo wraps it as GRAPHQL_VALIDATION_FAILED), the
 * parser's token limit (Apollo reports it as GRAPHQL_PARSE_FAILED), and Apollo's own client errors
 * that carry an HTTP 4xx but no code (a persisted query whose hash does not match its text), which
 * would otherwise be masked as internal errors.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Codes our validation rules set, which Apollo's wrapper would hide. */
const OWN_VALIDATION_CODES = new Set(['OPERATION_TOO_COMPLEX']);

/** graphql-js' message when `parse(source, { maxTokens })` gives up ("more that" is graphql 16's own spelling). */
const TOKEN_LIMIT = /Document contains more tha[nt] (\d+) tokens/;

export function recodeRefusal(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | undefined {
  const base = { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}) };
  const code = formatted.extensions?.['code'];
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && original instanceof GraphQLError && OWN_VALIDATION_CODES.has(String(original.extensions['code']))) {
    return { ...base, extensions: { ...original.extensions } };
  }
  const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
  if (tokens) {
    const max = Number(tokens[1]);
    return { message: `The operation has more than ${max} tokens; at most ${max} are allowed`, extensions: { code: 'OPERATION_TOO_COMPLEX', limit: 'tokens', max } };
  }
  const status = (error instanceof GraphQLError ? (error.extensions['http'] as { status?: number } | undefined)?.status : undefined) ?? 0;
  if (error instanceof GraphQLError && error.extensions['code'] === undefined && status >= 400 && status < 500) {
    return { ...base, extensions: { code: 'BAD_REQUEST' } };
  }
  return undefined;
}
