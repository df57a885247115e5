/**
 * `POST /demo/sign-in`: the demo console's sign-in, which exists only when the platform runs on its
 * demo keys (the launcher passes `issue` then, and never with configured keys). Body
 * `{ "dept": "<code>", "role": "consumer" | "provider-admin" | "platform-admin" }`, nothing else, at
 * most 256 bytes; the answer is a token for that department's demo application (`<dept>-app`) or its
 * first sharing administrator (`<dept>-admin`), valid 8 hours. A token names no more than the
 * department registry honours: `platform-admin` only for the operator. Refusals: 400 `BAD_REQUEST`,
 * 413 `PAYLOAD_TOO_LARGE`, 415 `UNSUPPORTED_MEDIA_TYPE`, in the edge's one shape.
 */
import type { FastifyInstance } from 'fastify';
import { ERROR_CODES, shareErrorBody } from '../../platform/errors.ts';
import { PLATFORM_OPERATOR, ROLES, type Role } from '../../policies/types.ts';

export const DEMO_SIGN_IN_PATH = '/demo/sign-in';
const BODY_LIMIT = 256;

export interface DemoTokenRequest {
  dept: string;
  roles: Role[];
  app: string;
}

/** Signs a demo token; given by the launcher only when the token issuer is the demo key. */
export type IssueDemoToken = (request: DemoTokenRequest) => Promise<string>;

type Reading = { request: DemoTokenRequest } | { problem: string };

/** Reads the sign-in body: exactly `dept` and `role`, a known department and a role it may hold. */
function readDemoSignIn(body: unknown, departments: readonly string[]): Reading {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { problem: 'send a JSON object { "dept", "role" }' };
  const keys = Object.keys(body);
  if (keys.length !== 2 || !keys.includes('dept') || !keys.includes('role')) return { problem: 'send exactly the fields "dept" and "role"' };
  const { dept, role } = body as Record<string, unknown>;
  if (typeof dept !== 'string' || !departments.includes(dept)) return { problem: `"dept" must be one of ${departments.join(', ')}` };
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return { problem: `"role" must be one of ${ROLES.join(', ')}` };
  if (role === 'platform-admin' && dept !== PLATFORM_OPERATOR) return { problem: `only ${PLATFORM_OPERATOR} (the operator) holds platform-admin` };
  if (role === 'consumer') return { request: { dept, roles: ['consumer'], app: `${dept}-app` } };
  return { request: { dept, roles: ['consumer', role as Role], app: `${dept}-admin` } };
}

export function registerDemoSignIn(app: FastifyInstance, departments: readonly string[], issue: IssueDemoToken): void {
  app.post(DEMO_SIGN_IN_PATH, { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const reading = readDemoSignIn(request.body, departments);
    reply.header('cache-control', 'no-store');
    if ('problem' in reading) {
      return reply.code(ERROR_CODES.BAD_REQUEST.status).send(shareErrorBody('BAD_REQUEST', { message: `Demo sign-in: ${reading.problem}` }));
    }
    return { token: await issue(reading.request), dept: reading.request.dept, roles: reading.request.roles, app: reading.request.app, demo: true };
  });
}
