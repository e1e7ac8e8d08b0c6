import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The dashboard's session cookie. */
export const SESSION_COOKIE = 'faultline_session';
/** Shortest session secret accepted (config `auth.sessionSecret`): 32 characters. */
export const MIN_SESSION_SECRET_LENGTH = 32;
const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;
const EXPIRES = /^\d{1,15}$/;

export interface SessionClaims {
  userId: string;
  /** Random, names this sign-in in audit records (`via.sessionId`). */
  sessionId: string;
  expiresAt: Date;
}

/** A random session id (22 base64url characters). */
export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The cookie value `userId.sessionId.expiresAt.hmac`: expiresAt in epoch seconds, hmac the
 * base64url HMAC-SHA256 of the first three parts under the instance's session secret. A userId
 * may hold dots, so the value is read from the right.
 */
export function signSession(claims: SessionClaims, secret: string): string {
  checkSecret(secret);
  if (!SESSION_ID.test(claims.sessionId)) throw new Error('sessionId must be 1-64 base64url characters');
  const payload = `${claims.userId}.${claims.sessionId}.${Math.floor(claims.expiresAt.getTime() / 1000)}`;
  return `${payload}.${mac(payload, secret)}`;
}

/** The claims of a well-signed, unexpired cookie value, else undefined. Whether the user may still sign in is the view's call. */
export function verifySession(
  value: string,
  secret: string,
  now: Date = new Date(),
): SessionClaims | undefined {
  checkSecret(secret);
  if (value.length > 512) return undefined;
  const parts = value.split('.');
  if (parts.length < 4) return undefined;
  const signature = parts.pop() as string;
  const expires = parts.pop() as string;
  const sessionId = parts.pop() as string;
  const userId = parts.join('.');
  if (!userId || !SESSION_ID.test(sessionId) || !EXPIRES.test(expires)) return undefined;
  const expected = Buffer.from(mac(`${userId}.${sessionId}.${expires}`, secret), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const expiresAt = new Date(Number(expires) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return undefined;
  return { userId, sessionId, expiresAt };
}

export interface SessionCookieOptions {
  /** Add `Secure`: the request came over TLS (directly or through a proxy the service trusts). */
  secure: boolean;
  /** @default '/' */
  path?: string;
}

/**
 * The `Set-Cookie` value for a session: HttpOnly (no script reads it), SameSite=Lax (not sent on
 * cross-site POSTs; Strict would drop it on the OIDC redirect back), Secure over TLS.
 */
export function sessionSetCookie(value: string, expiresAt: Date, options: SessionCookieOptions): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return cookieLine(value, `Max-Age=${maxAge}`, options);
}

/** The `Set-Cookie` value that removes the session cookie (sign-out). */
export function clearSessionSetCookie(options: SessionCookieOptions): string {
  return cookieLine('', 'Max-Age=0', options);
}

/** The session cookie's value in a `Cookie` request header, if any. */
export function sessionCookieFrom(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = pair.slice(eq + 1).trim();
      return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value;
    }
  }
  return undefined;
}

function cookieLine(value: string, age: string, options: SessionCookieOptions): string {
  const attributes = [
    `${SESSION_COOKIE}=${value}`,
    `Path=${options.path ?? '/'}`,
    age,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (options.secure) attributes.push('Secure');
  return attributes.join('; ');
}

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest('base64url');
}

function checkSecret(secret: string): void {
  if (secret.length < MIN_SESSION_SECRET_LENGTH)
    throw new Error(`the session secret must have at least ${MIN_SESSION_SECRET_LENGTH} characters`);
}
