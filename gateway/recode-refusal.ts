/**
 * Refusals that Apollo Server reports under its own codes, given the code that says what happened:
 * a registry code of ours reported during validation (a limit, a key scalar's literal; Apollo wraps
 * every validation error as GRAPHQL_VALIDATION_FAILED), the
 * parser's token limit (Apollo reports it as GRAPHQL_PARSE_FAILED), and Apollo's own client errors
 * that carry an HTTP 4xx but no code (a persisted query whose hash does not match its text), which
 * would otherwise be masked as internal errors.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { formattedShareError, isErrorCode } from '../platform/errors.ts';

/** graphql-js' message when `parse(source, { maxTokens })` gives up ("more that" is graphql 16's own spelling). */
const TOKEN_LIMIT = /Document contains more tha[nt] (\d+) tokens/;

export function recodeRefusal(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | undefined {
  const base = { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}) };
  const code = formatted.extensions?.['code'];
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && original instanceof GraphQLError) {
    const own = original.extensions['code'];
    if (isErrorCode(own)) return formattedShareError(own, { ...base, extensions: original.extensions });
  }
  const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
  if (tokens) {
    const max = Number(tokens[1]);
    return formattedShareError('OPERATION_TOO_COMPLEX', {
      message: `The operation has more than ${max} tokens; at most ${max} are allowed`,
      extensions: { limit: 'tokens', max },
    });
  }
  const status = (error instanceof GraphQLError ? (error.extensions['http'] as { status?: number } | undefined)?.status : undefined) ?? 0;
  if (error instanceof GraphQLError && error.extensions['code'] === undefined && status >= 400 && status < 500) {
    return formattedShareError('BAD_REQUEST', base);
  }
  return undefined;
}
