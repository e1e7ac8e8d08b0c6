/**
 * Reads an HTTP request the way the ClickHouse server's HTTP handler does: the
 * `query` parameter is the start of the SQL and the body the rest, `param_*` are
 * query parameters, known HTTP-layer names are handled here, and every other
 * parameter is a setting for this query only.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { decodeBody, pickResponseEncoding, type ResponseEncoding } from './compression.js';
import { serverError } from './errors.js';
import { boundaryOf, parseMultipart } from './multipart.js';

export interface ClickHouseRequest {
  /** GET and HEAD: as on a server, the request may not write. */
  readonly: boolean;
  /** Set when the request's user has readonly=1 (its name, for the error message). */
  readonlyUser?: string;
  /** The `query` parameter ('' when absent). */
  query: string;
  /** Decompressed body; for INSERT this is the data. */
  body: Buffer;
  /** `param_x` values as sent (still TSV-escaped text, which is what the engine binds). */
  params: Record<string, string>;
  /** Settings for this query only. */
  settings: Map<string, string>;
  database?: string;
  defaultFormat?: string;
  queryId: string;
  responseEncoding?: ResponseEncoding;
  compressionLevel?: number;
}

/** Parameters that are not settings: consumed here or by auth.ts, or accepted and ignored (no sessions). */
const NOT_SETTINGS = new Set([
  'query',
  'database',
  'default_format',
  'query_id',
  'user',
  'password',
  'quota_key',
  'role',
  'session_id',
  'session_timeout',
  'session_check',
  'close_session',
  'stacktrace',
  'compress',
  'decompress',
  'buffer_size',
  'wait_end_of_query',
  'client_protocol_version',
  // HTTP-layer settings: they shape the response, which we always buffer in full.
  'enable_http_compression',
  'http_zlib_compression_level',
  'send_progress_in_http_headers',
  'http_headers_progress_interval_ms',
  'http_wait_end_of_query',
  'http_response_buffer_size',
  'add_http_cors_header',
  'cancel_http_readonly_queries_on_client_close',
  'http_native_compression_disable_checksumming_on_decompress',
]);

const isTrue = (v: string | undefined): boolean =>
  v !== undefined && v !== '0' && v.toLowerCase() !== 'false' && v !== '';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export async function readClickHouseRequest(
  method: string,
  search: URLSearchParams,
  headers: IncomingHttpHeaders,
  rawBody: Buffer,
): Promise<ClickHouseRequest> {
  const fields = new Map<string, string>(search);
  let body = rawBody;
  const boundary = boundaryOf(header(headers, 'content-type'));
  if (boundary !== undefined) {
    body = await decodeBody(body, header(headers, 'content-encoding'));
    for (const [k, v] of parseMultipart(body, boundary)) fields.set(k, v);
    body = Buffer.alloc(0);
  } else {
    if (isTrue(fields.get('decompress'))) {
      throw serverError(
        'NOT_IMPLEMENTED',
        'ClickHouse native compression of the request body (decompress=1) is not supported by the embedded server',
      );
    }
    body = await decodeBody(body, header(headers, 'content-encoding'));
  }
  if (isTrue(fields.get('compress'))) {
    throw serverError(
      'NOT_IMPLEMENTED',
      'ClickHouse native compression of the response (compress=1) is not supported by the embedded server',
    );
  }

  const params: Record<string, string> = {};
  const settings = new Map<string, string>();
  for (const [k, v] of fields) {
    if (k.startsWith('param_')) params[k.slice('param_'.length)] = v;
    else if (!NOT_SETTINGS.has(k)) settings.set(k, v);
  }

  const level = fields.get('http_zlib_compression_level');
  const req: ClickHouseRequest = {
    readonly: method === 'GET' || method === 'HEAD',
    query: fields.get('query') ?? '',
    body,
    params,
    settings,
    queryId: fields.get('query_id') || header(headers, 'x-clickhouse-query-id') || randomUUID(),
  };
  const database = fields.get('database') ?? header(headers, 'x-clickhouse-database');
  if (database) req.database = database;
  const format = fields.get('default_format') ?? header(headers, 'x-clickhouse-format');
  if (format) req.defaultFormat = format;
  if (isTrue(fields.get('enable_http_compression'))) {
    const enc = pickResponseEncoding(header(headers, 'accept-encoding'));
    if (enc) req.responseEncoding = enc;
    if (level !== undefined && /^\d+$/.test(level)) req.compressionLevel = Math.min(9, Number(level));
  }
  return req;
}
