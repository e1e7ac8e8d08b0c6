/**
 * Who may use the embedded server. Users with passwords, sent the ways ClickHouse's HTTP
 * interface accepts them (HTTP Basic, `X-ClickHouse-User`/`X-ClickHouse-Key`, `user`/`password`
 * URL parameters), and never a browser page: any request that carries `Origin` (or a
 * cross-site `Sec-Fetch-Site`) is refused, so a page cannot drive the server with a user's
 * cached or guessed credentials.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ClickHouseServerError, ErrorCode, serverError } from './errors.js';

export interface EmbeddedUser {
  name: string;
  /** '' lets a request without credentials in as this user, as ClickHouse's own default user does. */
  password: string;
  /** ClickHouse's readonly=1: only SELECT, SHOW, DESCRIBE, EXPLAIN and EXISTS. @default false */
  readonly?: boolean;
}

/** ClickHouse's out-of-the-box user: `default` with no password. */
export const OPEN_DEFAULT_USER: EmbeddedUser = { name: 'default', password: '' };

function authFailed(detail: string, status: number): ClickHouseServerError {
  return new ClickHouseServerError(ErrorCode.AUTHENTICATION_FAILED, 'AUTHENTICATION_FAILED', detail, status);
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Hashing first gives equal-length inputs, so the comparison takes the same time whatever was sent. */
const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

interface Credentials {
  user: string;
  password: string;
  /** Whether the request named a user or password at all (else: the default user, no password). */
  given: boolean;
}

/** Where the credentials are, as ClickHouse's HTTPHandler reads them; mixing two ways is refused. */
function credentialsOf(search: URLSearchParams, headers: IncomingHttpHeaders): Credentials {
  const authorization = header(headers, 'authorization');
  const headerUser = header(headers, 'x-clickhouse-user');
  const headerKey = header(headers, 'x-clickhouse-key');
  const paramUser = search.get('user');
  const paramPassword = search.get('password');
  const hasHeaders = headerUser !== undefined || headerKey !== undefined;
  const hasParams = paramUser !== null || paramPassword !== null;
  if (authorization !== undefined) {
    if (hasHeaders || hasParams) {
      throw authFailed(
        'Invalid authentication: it is not allowed to use Authorization HTTP header and authentication via parameters simultaneously',
        403,
      );
    }
    const [scheme = '', value = ''] = authorization.trim().split(/\s+/, 2);
    if (scheme.toLowerCase() !== 'basic') {
      throw authFailed(`Invalid authentication: '${scheme}' HTTP Authorization scheme is not supported`, 403);
    }
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon < 0 ? decoded : decoded.slice(0, colon);
    return { user: user || 'default', password: colon < 0 ? '' : decoded.slice(colon + 1), given: true };
  }
  if (hasHeaders) {
    if (hasParams) {
      throw authFailed(
        'Invalid authentication: it is not allowed to use X-ClickHouse HTTP headers and other authentication methods simultaneously',
        403,
      );
    }
    return { user: headerUser || 'default', password: headerKey ?? '', given: true };
  }
  return { user: paramUser || 'default', password: paramPassword ?? '', given: hasParams };
}

export class Users {
  readonly #users: ReadonlyMap<string, { user: EmbeddedUser; digest: Buffer }>;

  constructor(users: readonly EmbeddedUser[]) {
    const map = new Map<string, { user: EmbeddedUser; digest: Buffer }>();
    for (const user of users) {
      if (!/^[A-Za-z0-9_.-]+$/.test(user.name))
        throw new Error(`invalid user name ${JSON.stringify(user.name)}`);
      if (map.has(user.name)) throw new Error(`user ${user.name} is listed twice`);
      map.set(user.name, { user, digest: digest(user.password) });
    }
    if (map.size === 0) throw new Error('the embedded server needs at least one user');
    this.#users = map;
  }

  /** The user the request authenticates as; a ClickHouse-shaped 401/403 otherwise. */
  authenticate(search: URLSearchParams, headers: IncomingHttpHeaders): EmbeddedUser {
    const { user, password, given } = credentialsOf(search, headers);
    const known = this.#users.get(user);
    // An unknown user costs the same comparison as a known one: the answer says nothing about names.
    const expected = known?.digest ?? digest(`\0unknown user\0${user}`);
    const matches = timingSafeEqual(digest(password), expected);
    if (known && matches) return known.user;
    throw authFailed(
      `${user}: Authentication failed: password is incorrect, or there is no user with such name`,
      given ? 403 : 401,
    );
  }
}

/**
 * A browser page's request carries `Origin` (every POST, every cross-origin fetch) or, for a
 * plain `<img>`/`<script>` load, `Sec-Fetch-Site`. Only a typed address (`none`) gets through.
 */
export function refuseBrowserPages(headers: IncomingHttpHeaders): void {
  const origin = header(headers, 'origin');
  const site = header(headers, 'sec-fetch-site');
  if (origin === undefined && (site === undefined || site === 'none')) return;
  const from = origin !== undefined ? `Origin: ${origin}` : `Sec-Fetch-Site: ${site}`;
  throw serverError(
    'ACCESS_DENIED',
    `Requests from web pages are refused (${from}): the embedded ClickHouse serves programs, not browsers`,
  );
}
