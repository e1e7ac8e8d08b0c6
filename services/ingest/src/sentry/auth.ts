import { IngestError } from '../errors.js';

/** Every place a request may name its project key; a route fills the ones it supports. */
export interface KeySources {
  /** `X-Sentry-Auth: Sentry sentry_key=..., sentry_version=7` */
  sentryAuthHeader?: string;
  /** `Authorization: Bearer <key>` or the Sentry form `Authorization: Sentry sentry_key=...` */
  authorizationHeader?: string;
  /** `X-Faultline-Key: <key>` */
  faultlineKeyHeader?: string;
  /** `?sentry_key=<key>`, what browser SDKs send to avoid a CORS preflight */
  sentryKeyQuery?: string;
  /** The envelope header's `dsn` */
  dsn?: string;
}

export interface PresentedKey {
  publicKey: string;
  /** The project the envelope's DSN names, to be checked against the URL's. */
  dsnProjectId?: string;
}

/** Parses `Sentry k=v, k=v` (the `Sentry ` prefix is optional in old SDKs). */
export function parseSentryAuth(header: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of header.replace(/^\s*sentry\s+/i, '').split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
  return fields;
}

/** `http://<publicKey>[:secret]@host[:port]/[path/]<projectId>` */
export function parseDsn(dsn: string): { publicKey: string; projectId: string } {
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    throw new IngestError('FL_INGEST_AUTH_MISMATCH', 'the envelope header dsn is not a URL');
  }
  const projectId = url.pathname.split('/').filter(Boolean).pop();
  if (!url.username || !projectId)
    throw new IngestError('FL_INGEST_AUTH_MISMATCH', 'the envelope header dsn names no key or project');
  try {
    return { publicKey: decodeURIComponent(url.username), projectId };
  } catch {
    // `%zz` parses as a URL but is not percent-encoding.
    throw new IngestError('FL_INGEST_AUTH_MISMATCH', 'the envelope header dsn has a malformed key');
  }
}

function keyFromAuthorization(header: string): string | undefined {
  const bearer = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return bearer[1];
  return /^\s*sentry\s/i.test(header) ? parseSentryAuth(header).sentry_key : undefined;
}

/**
 * The one key a request presents. Several places may carry it; they must agree, because a
 * request whose header and DSN name different keys is either broken or forged.
 */
export function presentedKey(sources: KeySources): PresentedKey {
  const dsn = sources.dsn ? parseDsn(sources.dsn) : undefined;
  const candidates = [
    sources.sentryAuthHeader ? parseSentryAuth(sources.sentryAuthHeader).sentry_key : undefined,
    sources.authorizationHeader ? keyFromAuthorization(sources.authorizationHeader) : undefined,
    sources.faultlineKeyHeader?.trim(),
    sources.sentryKeyQuery?.trim(),
    dsn?.publicKey,
  ].filter((key): key is string => key !== undefined && key !== '');
  const [first] = candidates;
  if (first === undefined)
    throw new IngestError(
      'FL_INGEST_AUTH_MISSING',
      'no project key: send X-Sentry-Auth, sentry_key, a DSN or a bearer key',
    );
  if (candidates.some((key) => key !== first))
    throw new IngestError('FL_INGEST_AUTH_MISMATCH', 'the request names more than one project key');
  return { publicKey: first, dsnProjectId: dsn?.projectId };
}
