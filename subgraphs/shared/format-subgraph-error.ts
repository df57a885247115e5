/**
 * The one place a subgraph's errors become its response (Mercurius `errorFormatter`). The codes a
 * caller can act on pass with their message, as the registry marks them (`fromSubgraph: 'passes'`:
 * FORBIDDEN, NOT_FOUND, CONFLICT and BAD_USER_INPUT, which the gateway hands to the consumer as they
 * are). Everything else is logged and masked — a malformed request as BAD_REQUEST, anything unexpected
 * (a store, a resolver, a library failing) as INTERNAL_SERVER_ERROR — with the registry's message,
 * never the failing code's own words.
 */
import type { ExecutionResult, FormattedExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { CODES_PASSED_FROM_SUBGRAPHS, formattedShareError, isErrorCode } from '../../platform/errors.ts';

type Execution = ExecutionResult & Required<Pick<ExecutionResult, 'errors'>>;
interface WithStatus {
  statusCode?: unknown;
  errors?: unknown;
}

const statusOf = (error: GraphQLError | undefined): number | undefined => {
  const status = (error?.originalError as WithStatus | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
};

/** Mercurius' `errorFormatter`; logs what it masks on the request's logger. */
export function formatSubgraphErrors(execution: Execution, context: MercuriusContext): { statusCode: number; response: FormattedExecutionResult } {
  // Errors raised before a request has its context (Mercurius' error handler) still have the app.
  const log = (context.reply as MercuriusContext['reply'] | undefined)?.log ?? context.app.log;
  const requestStatus = (execution as { statusCode?: number }).statusCode;
  // Mercurius wraps the validation errors of one request in one error; each is judged on its own.
  const flat = execution.errors.flatMap((error) => {
    const inner = (error.originalError as WithStatus | undefined)?.errors;
    return Array.isArray(inner) ? inner.map((each: GraphQLError) => ({ error: each, status: statusOf(error) })) : [{ error, status: statusOf(error) }];
  });
  const errors = flat.map(({ error, status }): GraphQLFormattedError => {
    const place = { ...(error.locations ? { locations: error.locations } : {}), ...(error.path ? { path: error.path } : {}) };
    const code = error.extensions?.['code'];
    if (isErrorCode(code) && CODES_PASSED_FROM_SUBGRAPHS.has(code)) return formattedShareError(code, { message: error.message, ...place });
    const masked = status !== undefined && status >= 400 && status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    log[masked === 'BAD_REQUEST' ? 'warn' : 'error']({ err: error.originalError ?? error }, 'masked subgraph error');
    return formattedShareError(masked, place);
  });
  // The status Mercurius would answer: 200 with data; else the request's own, or that of a single error.
  let statusCode = execution.data ? 200 : (requestStatus ?? 200);
  if (!execution.data && requestStatus === undefined && errors.length === 1) statusCode = statusOf(execution.errors[0]) ?? 200;
  return { statusCode, response: { data: execution.data ?? null, errors } };
}
