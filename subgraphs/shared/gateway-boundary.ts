/**
 * The subgraph boundary: a subgraph answers only the gateway (art. 12), whatever a request's target.
 *
 * Every request is classified before Fastify routes it (`rewriteUrl` runs first for every request,
 * `app.inject` included, and sees the request target byte for byte). Only two targets exist, spelled
 * exactly: `POST /graphql` and `GET /healthz`. No normalisation: any other spelling — absolute form,
 * percent-encoding, dot segments, a query string, another case — is refused, so no parser can
 * disagree with ours about which route was meant. Refused requests never reach a route.
 * `POST /graphql` then needs the gateway's signature (onRequest) over exactly the body received: the
 * JSON parser hashes the raw bytes before parsing them, and preValidation refuses a mismatch, so
 * nothing reaches Mercurius unless the gateway signed that very body.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, shareErrorBody, type ErrorCode } from '../../platform/errors.ts';
import { hashRequestBody } from '../../platform/gateway-call.ts';
import type { GatewayCall, VerifyGatewayCall } from './verify-gateway-call.ts';

/** What the boundary decided about a request's method and target, before any route. */
export type RouteVerdict = { route: 'graphql' | 'health' } | { refused: 'ROUTE_NOT_FOUND' } | { refused: 'METHOD_NOT_ALLOWED'; allow: string };

const SERVED = new Map<string, { method: string; route: 'graphql' | 'health' }>([
  ['/graphql', { method: 'POST', route: 'graphql' }],
  ['/healthz', { method: 'GET', route: 'health' }],
]);

/** Where refused requests are routed: no route answers them, the onRequest check refuses them first. */
const REFUSED_TARGET = '/';

/** Decides on the request line alone: exact targets only, one method each. */
export function classifyRequest(method: string | undefined, target: string | undefined): RouteVerdict {
  const served = target === undefined ? undefined : SERVED.get(target);
  if (!served) return { refused: 'ROUTE_NOT_FOUND' };
  if (method !== served.method) return { refused: 'METHOD_NOT_ALLOWED', allow: served.method };
  return { route: served.route };
}

/**
 * Fastify's `clientErrorHandler` option: a request line or header Node's parser rejects (a target not
 * starting with `/`, a space in it, headers too large) is answered in the same shape as every refusal.
 */
export function refuseMalformedRequest(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const body = JSON.stringify(shareErrorBody('BAD_REQUEST'));
  socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`);
}

export interface GatewayBoundary {
  /** Fastify's `rewriteUrl` option: classifies every request before routing. */
  rewriteUrl(request: IncomingMessage): string;
  /** Adds the checks to `app`; call before any route or plugin is registered. */
  install(app: FastifyInstance): void;
  /** The verified gateway call of a request that passed the boundary. */
  callOf(request: FastifyRequest): GatewayCall | undefined;
}

export function createGatewayBoundary(verify: VerifyGatewayCall): GatewayBoundary {
  const verdicts = new WeakMap<IncomingMessage, RouteVerdict>();
  const calls = new WeakMap<FastifyRequest, GatewayCall>();
  const bodyHashes = new WeakMap<FastifyRequest, string>();

  const refuse = (reply: FastifyReply, code: ErrorCode, message?: string) => {
    // Probes show up in the log; the target is cut, so a 16 kB one costs no more than a short one.
    reply.log.info({ code, method: reply.request.method, target: reply.request.originalUrl.slice(0, 200) }, 'refused at the subgraph boundary');
    return reply.code(ERROR_CODES[code].status).send(shareErrorBody(code, { message }));
  };

  return {
    rewriteUrl: (request) => {
      const verdict = classifyRequest(request.method, request.url);
      verdicts.set(request, verdict);
      return 'route' in verdict ? request.url! : REFUSED_TARGET;
    },

    install: (app) => {
      app.addHook('onRequest', async (request, reply) => {
        // No verdict means the request bypassed rewriteUrl: refused like an unknown route (fail closed).
        const verdict = verdicts.get(request.raw) ?? { refused: 'ROUTE_NOT_FOUND' };
        if ('refused' in verdict) {
          if (verdict.refused === 'METHOD_NOT_ALLOWED') reply.header('allow', verdict.allow);
          return refuse(reply, verdict.refused);
        }
        if (verdict.route !== 'graphql') return;
        const call = await verify(request.headers.authorization);
        if ('refused' in call) return refuse(reply, 'UNAUTHENTICATED', `Unauthenticated: ${call.refused}`);
        calls.set(request, call);
      });

      // Only JSON is parsed, and only a body whose hash is the signed one: hashed as received, before parsing.
      app.removeAllContentTypeParsers();
      const parseJson = app.getDefaultJsonParser('error', 'error');
      app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
        const bodyHash = hashRequestBody(body as Buffer);
        bodyHashes.set(request, bodyHash);
        if (calls.get(request)?.bodyHash !== bodyHash) return done(null, undefined);
        parseJson(request, (body as Buffer).toString('utf8'), done);
      });
      // Any other type is left unread and unhashed, so preValidation refuses it like a foreign body.
      app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

      app.addHook('preValidation', async (request, reply) => {
        const verdict = verdicts.get(request.raw);
        if (verdict && 'route' in verdict && verdict.route === 'health') return;
        const call = calls.get(request);
        if (!call || bodyHashes.get(request) !== call.bodyHash) {
          return refuse(reply, 'UNAUTHENTICATED', 'Unauthenticated: the gateway signature does not cover this request body');
        }
      });

      app.setNotFoundHandler((_request, reply) => refuse(reply, 'ROUTE_NOT_FOUND'));
    },

    callOf: (request) => calls.get(request),
  };
}
