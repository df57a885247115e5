/**
 * The status of a request error under GraphQL over HTTP: a client that asks for `application/json`
 * (and not `application/graphql-response+json`) is answered as the specification's legacy rule says,
 * 200 for a well-formed request whose document does not parse, validate or take its variables; a
 * client that accepts `application/graphql-response+json`, sends `*` or no Accept at all keeps the 4xx
 * (the specification's watershed has passed: a server may read a missing Accept as the new media type).
 * Refusals that are not GraphQL request errors (authentication, purpose, rate limits, CSRF, malformed
 * HTTP) keep their status whatever the Accept header says.
 */

/** Codes of a document that does not parse, does not validate (our validation rules included) or does not take its variables. */
const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_TOO_COMPLEX',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Whether the Accept header names `application/json` and not `application/graphql-response+json`. */
function acceptsLegacyJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept
    .toLowerCase()
    .split(',')
    .map((part) => part.split(';')[0]!.trim());
  return types.includes('application/json') && !types.includes('application/graphql-response+json');
}

/** The status to answer with: 200 for a request error asked as legacy JSON, else the status given. */
export function graphqlResponseStatus(accept: string | undefined, status: number, code: string | undefined): number {
  return status >= 400 && status < 500 && code !== undefined && REQUEST_ERROR_CODES.has(code) && acceptsLegacyJson(accept) ? 200 : status;
}

type Answer = { data?: unknown; errors?: Array<{ extensions?: { code?: unknown } }> };

/** The code that gave an answer of Apollo Server its 4xx: its first error's, or in a batch that of the first operation refused whole. */
export function refusedCode(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as Answer | Answer[];
    const refused = Array.isArray(parsed) ? parsed.find((answer) => answer.data === undefined && answer.errors?.length) : parsed;
    const code = refused?.errors?.[0]?.extensions?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
