import type { FastifyRequest } from 'fastify';
import { ANONYMOUS, type IdentityResult } from '../model/identity.js';
import { sessionCookieFrom, verifySession } from '../secrets/session-cookie.js';
import type { AccessView } from '../view/access-view.js';

const BEARER = /^Bearer[ ]+(\S+)[ ]*$/i;

/**
 * The identity behind a request's credential: `Authorization: Bearer flt_...` if the header is
 * there (a bad one is refused even when a cookie would do), else the session cookie, else
 * anonymous. `ok: false` carries why a presented credential was refused.
 */
export function identify(
  request: FastifyRequest,
  view: AccessView,
  sessionSecret: string,
  now: Date,
): IdentityResult {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const secret = BEARER.exec(authorization)?.[1];
    if (secret === undefined) return { ok: false, reason: 'Authorization must be "Bearer <token>"' };
    return view.identityFromToken(secret);
  }
  const cookie = sessionCookieFrom(request.headers.cookie);
  if (cookie === undefined) return { ok: true, identity: ANONYMOUS };
  const claims = verifySession(cookie, sessionSecret, now);
  if (!claims) return { ok: false, reason: 'session expired or invalid: sign in again' };
  return view.identityFromSession(claims);
}
