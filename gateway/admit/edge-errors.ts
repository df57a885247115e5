/**
 * The HTTP edge's own refusals, in the one documented shape `{ errors: [{ message, extensions: { code } }] }`
 * (the registry's `shareErrorBody`) with a registry code: unknown path (404), wrong method (405 with
 * Allow), body too large (413), body not JSON (415), headers too large (431: Node's HTTP parser
 * refuses them before Fastify sees a request, so they are answered on the socket), and any other
 * malformed request (400).
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, shareErrorBody, type ErrorCode } from '../../platform/errors.ts';
import { GRAPHQL_ROUTE } from '../routes.ts';

/** The gateway's endpoints and the methods each accepts (HEAD comes with GET). */
const ENDPOINTS: Readonly<Record<string, string>> = { [GRAPHQL_ROUTE]: 'GET, HEAD, POST', '/healthz': 'GET, HEAD', '/readyz': 'GET, HEAD' };

function send(reply: FastifyReply, code: ErrorCode, message?: string) {
  return reply
    .code(ERROR_CODES[code].status)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(shareErrorBody(code, { message })));
}

/** Fastify's `clientErrorHandler`: answers what Node's HTTP parser refused, then closes the socket. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode = error.code === 'HPE_HEADER_OVERFLOW' ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST';
  const status = ERROR_CODES[code].status;
  const body = JSON.stringify(shareErrorBody(code));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * Records a request the edge refused before any handler ran; false when the record could not be
 * kept, and then the answer is 503 AUDIT_UNAVAILABLE instead (nothing refused goes unrecorded).
 */
export type RecordEdgeRefusal = (request: FastifyRequest, code: ErrorCode) => Promise<boolean>;

/** 404 and 405 for what no route serves; 413, 415 and 400 for what Fastify refuses; 500 masked. */
export function registerEdgeErrors(
  app: FastifyInstance,
  record: RecordEdgeRefusal = async () => true,
  /** Further endpoints and their methods (the demo sign-in, where it exists). */
  endpoints: Readonly<Record<string, string>> = {},
): void {
  // Only JSON reaches Apollo: Fastify's text/plain parser would let a CSRF-style form post through as text.
  app.removeContentTypeParser('text/plain');
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = Object.hasOwn(ENDPOINTS, path) ? ENDPOINTS[path] : Object.hasOwn(endpoints, path) ? endpoints[path] : undefined;
    if (allowed) {
      reply.header('allow', allowed);
      return send(reply, 'METHOD_NOT_ALLOWED', `${path} does not accept ${request.method}; use ${allowed}`);
    }
    return send(reply, 'ROUTE_NOT_FOUND');
  });
  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unhandled');
      return send(reply, 'INTERNAL_SERVER_ERROR');
    }
    const code: ErrorCode = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
    reply.header('x-request-id', String(request.id));
    if (!(await record(request, code))) return send(reply, 'AUDIT_UNAVAILABLE');
    if (code === 'UNSUPPORTED_MEDIA_TYPE')
      return send(reply, code, `Content-Type ${JSON.stringify(request.headers['content-type'] ?? '')} is not accepted; send application/json`);
    return send(reply, code, code === 'BAD_REQUEST' ? `The request is malformed: ${error.message}` : undefined);
  });
}
