/**
 * Every client-visible error code, defined once: HTTP status and the message a person reads.
 * Codes are stable; a retired code is never reused. The README's error table is checked against
 * this registry by a test. It sits in platform/, below the gateway, governance and the subgraphs,
 * so that every one of them builds its errors here: `shareError` for an error raised in GraphQL
 * execution or validation, `formattedShareError` where a formatter answers, `shareErrorBody` for a
 * refusal answered over HTTP before any GraphQL.
 */
import { GraphQLError, type ASTNode, type GraphQLFormattedError, type SourceLocation } from 'graphql';

interface ErrorCodeEntry {
  status: number;
  message: string;
  /**
   * `passes`: a subgraph's error with this code reaches the consumer as it is, code and message (the
   * caller's own mistake or rights); any other code from a subgraph is masked. Default: masked.
   */
  fromSubgraph?: 'passes';
}

/**
 * The registry: key = code. `fromSubgraph: 'passes'` marks the codes a subgraph answers the gateway
 * with, and the gateway the consumer, unchanged.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: { status: 401, message: 'Authentication required: send Authorization: Bearer <token> with a valid, unexpired token' },
  RATE_LIMITED: { status: 429, message: 'Too many requests from your application or department; retry after the number of seconds in Retry-After' },
  PURPOSE_REQUIRED: {
    status: 400,
    message: 'Declare the purpose of use in X-Share-Purpose: ADMINISTRATIVE_BASIS, WORK_REFERENCE, DATA_VERIFICATION or BUSINESS_COLLABORATION',
  },
  BAD_REQUEST: { status: 400, message: 'The request is malformed' },
  BAD_USER_INPUT: { status: 400, message: 'An argument or variable is not valid', fromSubgraph: 'passes' },
  GRAPHQL_PARSE_FAILED: { status: 400, message: 'The query is not valid GraphQL syntax' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, message: 'The query does not match the schema' },
  OPERATION_TOO_COMPLEX: {
    status: 400,
    message:
      'The operation exceeds a limit of the gateway (tokens, depth, selections, aliases, root fields, directives or introspection); nothing was executed',
  },
  TOO_MANY_KEYS: { status: 400, message: 'The request names more entity keys than one request may; ask for fewer residents or enterprises at once' },
  TOO_MANY_SUBJECTS: { status: 400, message: 'A verification call names more subjects than one call may; split it into several calls' },
  RESPONSE_TOO_LARGE: { status: 400, message: 'The answer would exceed the largest response the gateway sends; select fewer fields or entities' },
  OPERATION_RESOLUTION_FAILURE: { status: 400, message: 'The operation to run could not be determined' },
  PERSISTED_QUERY_NOT_FOUND: { status: 200, message: 'The persisted query is not known yet: send the full query once' },
  PERSISTED_QUERY_NOT_SUPPORTED: { status: 400, message: 'Persisted queries are not supported here' },
  FORBIDDEN_FIELD: { status: 200, message: 'This data item is not shared with your department for the declared purpose' },
  FORBIDDEN_ROW: { status: 200, message: 'This record is outside the rows your department may receive this data item for' },
  FORBIDDEN_OPERATION: { status: 403, message: 'Strict mode: the operation selects data items your department may not receive; nothing was executed' },
  FORBIDDEN: { status: 200, message: 'Your role or department may not do this', fromSubgraph: 'passes' },
  NOT_FOUND: { status: 200, message: 'No such record is visible to your department', fromSubgraph: 'passes' },
  CONFLICT: { status: 200, message: 'The record is no longer in a state that allows this', fromSubgraph: 'passes' },
  AUDIT_UNAVAILABLE: { status: 503, message: 'The request could not be audited, so no data was served; try again shortly' },
  OVERLOADED: {
    status: 503,
    message: 'The gateway is near its memory limit and sheds requests to stay up; nothing was executed; retry after the number of seconds in Retry-After',
  },
  PROVIDER_UNAVAILABLE: { status: 502, message: 'A provider department could not be reached; its data items are null' },
  ROUTE_NOT_FOUND: {
    status: 404,
    message:
      'No such endpoint: the gateway serves /graphql, GET /healthz, GET /readyz and the console at GET /console/; a subgraph only POST /graphql signed by the gateway and GET /healthz, spelled exactly',
  },
  METHOD_NOT_ALLOWED: { status: 405, message: 'This endpoint does not accept that HTTP method; the Allow header lists those it does' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body exceeds the largest body the gateway reads' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the request body as application/json' },
  HEADERS_TOO_LARGE: { status: 431, message: 'The request headers exceed the largest the gateway reads' },
  INTERNAL_SERVER_ERROR: { status: 500, message: 'Internal error; the incident was logged' },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** Codes whose subgraph errors reach the consumer unchanged (the subgraph formatter and the gateway's both read it). */
export const CODES_PASSED_FROM_SUBGRAPHS: ReadonlySet<ErrorCode> = new Set(
  (Object.keys(ERROR_CODES) as ErrorCode[]).filter((code) => (ERROR_CODES[code] as ErrorCodeEntry).fromSubgraph === 'passes'),
);

/** The fields a code carries in `extensions` beside `code`; codes not listed carry none. */
export interface ErrorCodeExtensions {
  /** `limit`: the limit exceeded (`tokens`, `nesting`, `batch`, `depth`, …), `max` its value, `found` what the operation has, when counted. */
  OPERATION_TOO_COMPLEX: { limit: string; max: number; found?: number };
  TOO_MANY_KEYS: { max: number; found: number };
  TOO_MANY_SUBJECTS: { max: number; found: number };
  /** The denied `Type.field`, its share type and provider, and whether an access request or an escalation can open it. */
  FORBIDDEN_FIELD: { field: string; shareType: string; provider: string; requestable: boolean; escalatable: boolean };
  /**
   * The item withheld for this record, and the row conditions of the grants it fell outside of (never the record's value);
   * `openCasesUnanswered` when an open-case condition could not be checked because the consumer's own subgraph gave no answer.
   */
  FORBIDDEN_ROW: {
    field: string;
    provider: string;
    conditions: ReadonlyArray<Readonly<Record<string, { readonly $in: readonly string[] }>>>;
    openCasesUnanswered?: true;
  };
  /** Every denied `Type.field` of the refused operation (strict mode). */
  FORBIDDEN_OPERATION: { fields: string[] };
  /** The subgraph that could not answer. */
  PROVIDER_UNAVAILABLE: { provider: string };
}

/** The intersection of every code's fields (a union turned inside out through a function parameter). */
type Fields<T> = { [C in keyof T]: (fields: T[C]) => void }[keyof T] extends (fields: infer All) => void ? All : never;
/** Every field any code carries, each optional: what a formatter that does not know the code may pass. */
export type ErrorExtensionFields = Partial<Fields<ErrorCodeExtensions>>;

declare module 'graphql' {
  interface GraphQLErrorExtensions extends ErrorExtensionFields {
    code?: ErrorCode | string;
  }
}

/** The `extensions` a code requires (those with fields), or may omit (the others). */
type ExtensionsOf<C extends ErrorCode> = C extends keyof ErrorCodeExtensions ? { extensions: ErrorCodeExtensions[C] } : { extensions?: undefined };

export type ShareErrorOptions<C extends ErrorCode> = ExtensionsOf<C> & {
  /** Refines the registry's default text for this occurrence; default: the registry's message. */
  message?: string;
  /** Where in the response the error belongs. */
  path?: ReadonlyArray<string | number>;
  /** The operation's nodes the error is about (validation rules), which give it its locations. */
  nodes?: ASTNode | ReadonlyArray<ASTNode>;
  /** Sets Apollo Server's HTTP status to the registry's status for this code; default false. */
  withStatus?: boolean;
  /** Response headers Apollo Server sets with the status (e.g. Retry-After); only with `withStatus`. */
  headers?: Map<string, string>;
};

/** Options are required for a code that carries fields, optional for the others. */
type ShareErrorArguments<C extends ErrorCode> = C extends keyof ErrorCodeExtensions ? [options: ShareErrorOptions<C>] : [options?: ShareErrorOptions<C>];

/** `Error` as V8 (Node, Chromium) has it; the registry is also read by the console, typed without Node's globals. */
const V8Error = Error as ErrorConstructor & { stackTraceLimit?: number };

/**
 * A client error from the registry, to throw or report inside GraphQL execution or validation.
 * It is an answer, not a fault: built without a stack trace (none ever reaches a client, and
 * capturing one was the largest cost of a denial, one error per denied field and place).
 */
export function shareError<C extends ErrorCode>(code: C, ...[options]: ShareErrorArguments<C>): GraphQLError {
  const entry = ERROR_CODES[code];
  const stackTraceLimit = V8Error.stackTraceLimit;
  V8Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(options?.message ?? entry.message, {
      ...(options?.path ? { path: options.path } : {}),
      ...(options?.nodes ? { nodes: options.nodes } : {}),
      extensions: {
        code,
        ...options?.extensions,
        ...(options?.withStatus ? { http: { status: entry.status, ...(options.headers ? { headers: options.headers } : {}) } } : {}),
      },
    });
  } finally {
    V8Error.stackTraceLimit = stackTraceLimit;
  }
}

export interface FormattedShareErrorOptions {
  /** Default: the registry's message. */
  message?: string;
  locations?: ReadonlyArray<SourceLocation>;
  path?: ReadonlyArray<string | number>;
  extensions?: ErrorExtensionFields;
}

/** A client error from the registry as it is answered: what a formatter returns, and what an HTTP refusal body holds. */
export function formattedShareError(code: ErrorCode, options: FormattedShareErrorOptions = {}): GraphQLFormattedError {
  return {
    message: options.message ?? ERROR_CODES[code].message,
    ...(options.locations ? { locations: options.locations } : {}),
    ...(options.path ? { path: options.path } : {}),
    // `code` first, as in every answer, and the registry's even if the fields passed carried one.
    extensions: Object.assign({ code }, options.extensions, { code }),
  };
}

/** The body of an HTTP refusal answered before or outside GraphQL, by the gateway edge and the subgraph boundary alike: `{ errors: [{ message, extensions: { code, … } }] }`. */
export function shareErrorBody(code: ErrorCode, options: Pick<FormattedShareErrorOptions, 'message' | 'extensions'> = {}): { errors: [GraphQLFormattedError] } {
  return { errors: [formattedShareError(code, options)] };
}
