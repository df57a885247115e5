/**
 * The one place errors become client output: registry codes pass with their message; a bad key
 * argument is BAD_USER_INPUT wherever it was caught; a failing provider is PROVIDER_UNAVAILABLE;
 * anything else is masked as INTERNAL_SERVER_ERROR (and logged), never with a stack trace.
 */
import type { GraphQLFormattedError } from 'graphql';
import { ERROR_CODES, isErrorCode } from '../platform/errors.ts';
import { recodeRefusal } from './recode-refusal.ts';

/** Codes a subgraph may return to the client as they are: the caller's own mistakes or rights. */
export const SUBGRAPH_CLIENT_CODES: ReadonlySet<string> = new Set(['FORBIDDEN', 'NOT_FOUND', 'CONFLICT']);

interface ErrorLike {
  message?: string;
  extensions?: Record<string, unknown>;
  originalError?: unknown;
}

/** The innermost error in the chain that carries a BAD_USER_INPUT code (our scalar parsers). */
function findBadUserInput(error: unknown): ErrorLike | undefined {
  let current = error as ErrorLike | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current.extensions?.['code'] === 'BAD_USER_INPUT' && current.originalError === undefined) return current;
    const next = current.originalError as ErrorLike | undefined;
    if (!next && current.extensions?.['code'] === 'BAD_USER_INPUT') return current;
    current = next;
  }
  return undefined;
}

/** The code the consumer sees, from an error's extensions (as formatted, or raw) and its cause chain. */
function decideCode(extensions: Record<string, unknown>, error: unknown): string {
  if (findBadUserInput(error)) return 'BAD_USER_INPUT';
  const code = extensions['code'];
  if (typeof extensions['serviceName'] === 'string') return SUBGRAPH_CLIENT_CODES.has(String(code)) ? String(code) : 'PROVIDER_UNAVAILABLE';
  return isErrorCode(code) ? code : 'INTERNAL_SERVER_ERROR';
}

/** The code a consumer sees for an error, decided as `formatError` decides it: the audit record of a failed operation carries the same. */
export function clientCodeOf(error: unknown): string {
  const { message, extensions = {} } = (error ?? {}) as ErrorLike;
  const refusal = recodeRefusal({ message: String(message ?? ''), extensions }, error);
  return refusal ? String(refusal.extensions?.['code']) : decideCode(extensions, error);
}

export function createErrorFormatter(log: (error: unknown) => void) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const base = { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
    const refusal = recodeRefusal(formatted, error);
    if (refusal) return refusal;
    const extensions = { ...formatted.extensions };
    const code = decideCode(extensions, error);
    const serviceName = extensions['serviceName'];
    if (code === 'BAD_USER_INPUT') return { ...base, message: findBadUserInput(error)?.message ?? formatted.message, extensions: { code } };
    if (typeof serviceName === 'string') {
      if (code !== 'PROVIDER_UNAVAILABLE') return { ...base, extensions: { code } };
      log(error);
      return { ...base, message: `Provider ${serviceName} could not answer; its data items are missing from this response`, extensions: { code, provider: serviceName } };
    }
    if (code !== 'INTERNAL_SERVER_ERROR') {
      delete extensions['stacktrace'];
      delete extensions['http'];
      return { ...base, extensions };
    }
    log(error);
    return { ...base, message: ERROR_CODES.INTERNAL_SERVER_ERROR.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
