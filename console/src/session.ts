/** Who is signed in: the token from the gateway's sign-in, kept for this browser tab only. */
import { createContext, useContext } from 'react';

export type Role = 'consumer' | 'provider-admin' | 'platform-admin';

export interface Session {
  /** The demo sign-in's token; empty for a session of the OpenID Connect sign-in, which lives in an HttpOnly cookie. */
  token: string;
  dept: string;
  roles: Role[];
  app: string;
  demo: boolean;
}

const KEY = 'zhoucun.session';

export function loadSession(): Session | undefined {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Session;
  } catch {
    return undefined;
  }
}

/**
 * The session the frame read once (at start, or when someone signs in or out), for every page below it:
 * pages read it from here rather than parsing the tab's storage on each render.
 */
export const SessionContext = createContext<Session | undefined>(undefined);

/** Who is signed in, as the frame holds it; undefined before sign-in. */
export function useSession(): Session | undefined {
  return useContext(SessionContext);
}

export function saveSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

/** Demo sign-in: a token for the department's demo application or sharing administrator. */
export async function demoSignIn(dept: string, role: Role): Promise<Session> {
  const response = await fetch('/demo/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dept, role }) });
  const body = (await response.json()) as Session & { errors?: Array<{ extensions?: { code?: string } }> };
  if (!response.ok) throw new ApiError(body.errors?.[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  return { token: body.token, dept: body.dept, roles: body.roles, app: body.app, demo: true };
}

/** Whether the platform offers the district's OpenID Connect sign-in, and who is signed in with it. */
export type OidcState = { offered: false } | { offered: true; session: Session | undefined };

/** Asks the gateway for the cookie session of the OpenID Connect sign-in (`GET /auth/session`; absent when not configured). */
export async function readOidcSession(): Promise<OidcState> {
  const response = await fetch('/auth/session', { headers: { accept: 'application/json' } });
  if (response.status === 404) return { offered: false };
  if (!response.ok) return { offered: true, session: undefined };
  const body = (await response.json()) as Omit<Session, 'token'>;
  return { offered: true, session: { token: '', dept: body.dept, roles: body.roles, app: body.app, demo: false } };
}

/** Ends the cookie session of the OpenID Connect sign-in. */
export async function oidcSignOut(): Promise<void> {
  await fetch('/auth/logout', { method: 'POST' });
}

/** An error the gateway answered, by its stable code (the console shows its own text for it). */
export class ApiError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(message ?? code);
    this.code = code;
  }
}
