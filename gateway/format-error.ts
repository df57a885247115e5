/**
 * The one place errors become client output: registry codes pass with their message; a bad key
 * argument is BAD_USER_INPUT wherever it was caught; a subgraph's error passes when the registry
 * says its code does (the caller's own mistake or rights), else its provider is PROVIDER_UNAVAILABLE;
 * anything else is masked as INTERNAL_SERVER_ERROR (and logged), never with a stack trace.
 */
import type { GraphQLFormattedError } from 'graphql';
import { CODES_PASSED_FROM_SUBGRAPHS, formattedShareError, isErrorCode, type ErrorCode } from '../platform/errors.ts';
import { recodeRefusal } from './recode-refusal.ts';

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
function decideCode(extensions: Record<string, unknown>, error: unknown): ErrorCode {
  if (findBadUserInput(error)) return 'BAD_USER_INPUT';
  const code = extensions['code'];
  if (typeof extensions['serviceName'] === 'string') return isErrorCode(code) && CODES_PASSED_FROM_SUBGRAPHS.has(code) ? code : 'PROVIDER_UNAVAILABLE';
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
    const place = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
    const refusal = recodeRefusal(formatted, error);
    if (refusal) return refusal;
    const extensions = { ...formatted.extensions };
    const code = decideCode(extensions, error);
    const serviceName = extensions['serviceName'];
    if (code === 'BAD_USER_INPUT') return formattedShareError(code, { message: findBadUserInput(error)?.message ?? formatted.message, ...place });
    if (typeof serviceName === 'string') {
      if (code !== 'PROVIDER_UNAVAILABLE') return formattedShareError(code, { message: formatted.message, ...place });
      log(error);
      const message = `Provider ${serviceName} could not answer; its data items are missing from this response`;
      return formattedShareError(code, { message, ...place, extensions: { provider: serviceName } });
    }
    if (code !== 'INTERNAL_SERVER_ERROR') {
      // Built through the registry already (with its fields): passed on as it is, without Apollo's additions.
      delete extensions['stacktrace'];
      delete extensions['http'];
      return { message: formatted.message, ...place, extensions };
    }
    log(error);
    return formattedShareError('INTERNAL_SERVER_ERROR', place);
  };
}
