/**
 * OpenID Connect sign-in for the console in production (the district's identity provider):
 * authorization code with PKCE, `state` and `nonce` (openid-client). `GET /auth/oidc/login` starts it
 * (the verifier, state and nonce sealed in a short-lived HttpOnly cookie, SameSite=Lax so that it
 * returns with the provider's redirect); `GET /auth/oidc/callback` checks the answer's shape and
 * state, redeems the code, maps the claims (oidc-claims.ts) and sets the session cookie
 * (console-session.ts); `GET /auth/session` tells the console who is signed in; `POST /auth/logout`
 * ends it. Refusals are registry errors: BAD_REQUEST for a malformed answer, UNAUTHENTICATED for one
 * that does not prove who signed in. Only when `OIDC_ISSUER` is configured.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { ERROR_CODES, shareErrorBody, type ErrorCode } from '../../platform/errors.ts';
import type { OidcConfig } from '../config.ts';
import type { Authentication } from '../authenticate/authenticate.ts';
import { readOidcClaims } from './oidc-claims.ts';
import { consumerOfSession, cookieName, crossSiteProblem, deriveKey, readCookie, seal, setCookie, unseal, type CookieSettings } from './console-session.ts';

export const OIDC_ROUTES = { '/auth/oidc/login': 'GET', '/auth/oidc/callback': 'GET', '/auth/session': 'GET', '/auth/logout': 'POST' } as const;

/** How long a person has at the provider between login and callback. */
const SIGN_IN_SECONDS = 600;
/** Parameters a provider may send back (RFC 6749, 9207; session management), each once. */
const CALLBACK_PARAMETERS: Readonly<Record<string, RegExp>> = {
  code: /^[\x21-\x7e]{1,2048}$/,
  state: /^[\w-]{16,128}$/,
  iss: /^[\x21-\x7e]{1,2048}$/,
  session_state: /^[\x21-\x7e]{1,512}$/,
  scope: /^[\x20-\x7e]{1,1024}$/,
  error: /^[\x20-\x7e]{1,256}$/,
  error_description: /^[\x20-\x7e]{0,1024}$/,
};

export interface OidcSignIn {
  /** The person a console session cookie stands for, when the request carries one. */
  authenticate(request: FastifyRequest): Promise<Authentication>;
}

const refuse = (reply: FastifyReply, code: ErrorCode, message: string) =>
  reply.code(ERROR_CODES[code].status).header('cache-control', 'no-store').send(shareErrorBody(code, { message }));

/** The request's path exactly as sent (the router also matches decoded spellings, which are not these endpoints). */
const pathOf = (request: FastifyRequest) => request.url.split('?')[0];
const notFound = (reply: FastifyReply) => refuse(reply, 'ROUTE_NOT_FOUND', 'No such endpoint');

/** The callback's query: only known parameters, each once, each well-formed. */
function readCallback(search: string): { params: Record<string, string> } | { problem: string } {
  if (search.length > 4096) return { problem: 'the answer is too long' };
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(search)) {
    const shape = Object.hasOwn(CALLBACK_PARAMETERS, name) ? CALLBACK_PARAMETERS[name] : undefined;
    if (!shape) return { problem: `unexpected parameter "${name.slice(0, 32)}"` };
    if (Object.hasOwn(params, name)) return { problem: `"${name}" given twice` };
    if (!shape.test(value)) return { problem: `"${name}" is not well-formed` };
    params[name] = value;
  }
  return { params };
}

export function registerOidcSignIn(app: FastifyInstance, config: OidcConfig, departments: readonly string[]): OidcSignIn {
  const redirect = new URL(config.redirectUri);
  const settings: CookieSettings = { secure: redirect.protocol === 'https:', origin: redirect.origin };
  const sessionCookie = cookieName('zhoucun_session', settings);
  const signInCookie = cookieName('zhoucun_sign_in', settings);
  const sessionKey = deriveKey(config.clientSecret, 'session');
  const signInKey = deriveKey(config.clientSecret, 'sign-in');
  const issuer = new URL(config.issuer);
  // Discovered on first use and kept; a failed discovery is tried again on the next sign-in.
  let discovered: Promise<oidc.Configuration> | undefined;
  const provider = () =>
    (discovered ??= oidc
      .discovery(issuer, config.clientId, undefined, oidc.ClientSecretBasic(config.clientSecret), {
        ...(issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
        timeout: 10,
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      }));
  const signInCookiePath = '/auth/oidc';

  app.get('/auth/oidc/login', async (request, reply) => {
    if (pathOf(request) !== '/auth/oidc/login') return notFound(reply);
    if (request.url !== '/auth/oidc/login') return refuse(reply, 'BAD_REQUEST', 'Sign-in: /auth/oidc/login takes no parameters');
    let configuration: oidc.Configuration;
    try {
      configuration = await provider();
    } catch {
      return refuse(reply, 'UNAUTHENTICATED', 'Sign-in: the identity provider cannot be reached; try again later');
    }
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: config.redirectUri,
      scope: config.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const sealed = await seal({ verifier, state, nonce }, signInKey, SIGN_IN_SECONDS);
    return reply
      .header('set-cookie', setCookie(signInCookie, sealed, settings, { path: signInCookiePath, sameSite: 'Lax', maxAge: SIGN_IN_SECONDS }))
      .header('cache-control', 'no-store')
      .redirect(url.href, 303);
  });

  app.get('/auth/oidc/callback', async (request, reply) => {
    if (pathOf(request) !== '/auth/oidc/callback') return notFound(reply);
    const reading = readCallback(request.url.slice('/auth/oidc/callback?'.length));
    if ('problem' in reading) return refuse(reply, 'BAD_REQUEST', `Sign-in: ${reading.problem}`);
    const { params } = reading;
    if (params['error']) return refuse(reply, 'UNAUTHENTICATED', `Sign-in: the identity provider refused (${params['error']})`);
    if (!params['code'] || !params['state']) return refuse(reply, 'BAD_REQUEST', 'Sign-in: the answer needs code and state');
    const pending = await unseal(readCookie(request.headers.cookie, signInCookie), signInKey);
    const clear = setCookie(signInCookie, '', settings, { path: signInCookiePath, sameSite: 'Lax', maxAge: 0 });
    reply.header('set-cookie', clear);
    if (!pending) return refuse(reply, 'UNAUTHENTICATED', 'Sign-in: no sign-in in progress in this browser (or it expired); start again');
    if (pending['state'] !== params['state']) return refuse(reply, 'UNAUTHENTICATED', 'Sign-in: the state does not match the sign-in this browser started');
    let claims: Record<string, unknown>;
    try {
      const configuration = await provider();
      const tokens = await oidc.authorizationCodeGrant(configuration, new URL(`${config.redirectUri}?${new URLSearchParams(params).toString()}`), {
        pkceCodeVerifier: String(pending['verifier']),
        expectedState: String(pending['state']),
        expectedNonce: String(pending['nonce']),
        idTokenExpected: true,
      });
      claims = { ...tokens.claims() };
      // Providers that keep custom claims out of the ID token answer them at userinfo.
      if (claims[config.departmentClaim] === undefined)
        claims = { ...(await oidc.fetchUserInfo(configuration, tokens.access_token, String(claims['sub']))), ...claims };
    } catch {
      return refuse(reply, 'UNAUTHENTICATED', 'Sign-in: the identity provider did not confirm this sign-in');
    }
    const mapped = readOidcClaims(claims, config, departments);
    if ('refused' in mapped) return refuse(reply, 'UNAUTHENTICATED', `Sign-in: ${mapped.refused}`);
    const seconds = config.sessionHours * 3600;
    const session = await seal({ sub: mapped.consumer.app, dept: mapped.consumer.dept, roles: mapped.consumer.roles }, sessionKey, seconds);
    return reply
      .header('set-cookie', [clear, setCookie(sessionCookie, session, settings, { path: '/', sameSite: 'Strict', maxAge: seconds })])
      .header('cache-control', 'no-store')
      .redirect('/console/', 303);
  });

  const authenticate = async (request: FastifyRequest): Promise<Authentication> => {
    const crossSite = crossSiteProblem(request.headers, settings);
    if (crossSite) return { refused: crossSite };
    const payload = await unseal(readCookie(request.headers.cookie, sessionCookie), sessionKey);
    if (!payload) return { refused: 'no Authorization header and no console session' };
    return consumerOfSession(payload, departments);
  };

  app.get('/auth/session', async (request, reply) => {
    if (request.url !== '/auth/session') return notFound(reply);
    const authentication = await authenticate(request);
    if ('refused' in authentication) return refuse(reply, 'UNAUTHENTICATED', `Console session: ${authentication.refused}`);
    const { app: application, dept, roles } = authentication.consumer;
    return reply.header('cache-control', 'no-store').send({ app: application, dept, roles, demo: false });
  });

  app.post('/auth/logout', async (request, reply) => {
    if (request.url !== '/auth/logout') return notFound(reply);
    const crossSite = crossSiteProblem(request.headers, settings);
    if (crossSite) return refuse(reply, 'BAD_REQUEST', `Sign-out: ${crossSite}`);
    return reply
      .header('set-cookie', setCookie(sessionCookie, '', settings, { path: '/', sameSite: 'Strict', maxAge: 0 }))
      .code(204)
      .send();
  });

  return { authenticate };
}
