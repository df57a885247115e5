/**
 * Every client-visible error code, defined once: HTTP status and the message a person reads.
 * Codes are stable; a retired code is never reused. The README's error table is checked against
 * this registry by a test. It sits in platform/, below the gateway, governance and the subgraphs,
 * so that every one of them builds its errors here.
 */
import { GraphQLError } from 'graphql';

export const ERROR_CODES = {
  UNAUTHENTICATED: { status: 401, message: 'Authentication required: send Authorization: Bearer <token> with a valid, unexpired token' },
  RATE_LIMITED: { status: 429, message: 'Too many requests from your application or department; retry after the number of seconds in Retry-After' },
  PURPOSE_REQUIRED: { status: 400, message: 'Declare the purpose of use in X-Share-Purpose: ADMINISTRATIVE_BASIS, WORK_REFERENCE, DATA_VERIFICATION or BUSINESS_COLLABORATION' },
  BAD_REQUEST: { status: 400, message: 'The request is malformed' },
  BAD_USER_INPUT: { status: 400, message: 'An argument or variable is not valid' },
  GRAPHQL_PARSE_FAILED: { status: 400, message: 'The query is not valid GraphQL syntax' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, message: 'The query does not match the schema' },
  OPERATION_TOO_COMPLEX: { status: 400, message: 'The operation exceeds a limit of the gateway (tokens, depth, selections, aliases, root fields, directives or introspection); nothing was executed' },
  TOO_MANY_KEYS: { status: 400, message: 'The request names more entity keys than one request may; ask for fewer residents or enterprises at once' },
  RESPONSE_TOO_LARGE: { status: 400, message: 'The answer would exceed the largest response the gateway sends; select fewer fields or entities' },
  OPERATION_RESOLUTION_FAILURE: { status: 400, message: 'The operation to run could not be determined' },
  PERSISTED_QUERY_NOT_FOUND: { status: 200, message: 'The persisted query is not known yet: send the full query once' },
  PERSISTED_QUERY_NOT_SUPPORTED: { status: 400, message: 'Persisted queries are not supported here' },
  FORBIDDEN_FIELD: { status: 200, message: 'This data item is not shared with your department for the declared purpose' },
  FORBIDDEN_OPERATION: { status: 403, message: 'Strict mode: the operation selects data items your department may not receive; nothing was executed' },
  FORBIDDEN: { status: 200, message: 'Your role or department may not do this' },
  NOT_FOUND: { status: 200, message: 'No such record is visible to your department' },
  CONFLICT: { status: 200, message: 'The record is no longer in a state that allows this' },
  AUDIT_UNAVAILABLE: { status: 503, message: 'The request could not be audited, so no data was served; try again shortly' },
  PROVIDER_UNAVAILABLE: { status: 502, message: 'A provider department could not be reached; its data items are null' },
  ROUTE_NOT_FOUND: { status: 404, message: 'No such endpoint: the gateway serves /graphql, GET /healthz and GET /readyz; a subgraph only POST /graphql signed by the gateway and GET /healthz, spelled exactly' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'This endpoint does not accept that HTTP method; the Allow header lists those it does' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body exceeds the largest body the gateway reads' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the request body as application/json' },
  HEADERS_TOO_LARGE: { status: 431, message: 'The request headers exceed the largest the gateway reads' },
  INTERNAL_SERVER_ERROR: { status: 500, message: 'Internal error; the incident was logged' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

declare module 'graphql' {
  interface GraphQLErrorExtensions {
    code?: ErrorCode | string;
    /** `Type.field` of a denied data item. */
    field?: string;
    shareType?: string;
    provider?: string;
    /** Every denied `Type.field` of a refused operation (strict mode). */
    fields?: string[];
  }
}

/** A client error from the registry; `message` refines the registry's default text. */
export function shareError(
  code: ErrorCode,
  options: { message?: string; extensions?: Record<string, unknown>; path?: ReadonlyArray<string | number>; withStatus?: boolean } = {},
): GraphQLError {
  const entry = ERROR_CODES[code];
  return new GraphQLError(options.message ?? entry.message, {
    ...(options.path ? { path: options.path } : {}),
    extensions: {
      code,
      ...options.extensions,
      ...(options.withStatus ? { http: { status: entry.status } } : {}),
    },
  });
}
