/** HTTP body compression as the ClickHouse server does it (Content-Encoding in, enable_http_compression out). */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { serverError } from './errors.js';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const brotliDecompress = promisify(zlib.brotliDecompress);
const gzip = promisify(zlib.gzip);
const deflate = promisify(zlib.deflate);
const brotliCompress = promisify(zlib.brotliCompress);

export type ResponseEncoding = 'gzip' | 'deflate' | 'br';

export async function decodeBody(body: Buffer, contentEncoding: string | undefined): Promise<Buffer> {
  const enc = (contentEncoding ?? '').trim().toLowerCase();
  if (enc === '' || enc === 'identity' || body.length === 0) return body;
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return await gunzip(body);
    if (enc === 'deflate') return await inflate(body);
    if (enc === 'br') return await brotliDecompress(body);
  } catch (err) {
    throw serverError(
      'CANNOT_DECOMPRESS',
      `Cannot decompress ${enc} request body: ${(err as Error).message}`,
    );
  }
  throw serverError('NOT_IMPLEMENTED', `Unsupported Content-Encoding: ${enc}`);
}

/** The server's preference order among what the client accepts. */
export function pickResponseEncoding(acceptEncoding: string | undefined): ResponseEncoding | undefined {
  const accepted = new Set(
    (acceptEncoding ?? '').split(',').map((s) => s.split(';')[0]?.trim().toLowerCase()),
  );
  for (const enc of ['gzip', 'deflate', 'br'] as const) if (accepted.has(enc)) return enc;
  return undefined;
}

export async function encodeBody(body: Uint8Array, enc: ResponseEncoding, level?: number): Promise<Buffer> {
  const opts = level === undefined ? {} : { level };
  if (enc === 'gzip') return gzip(body, opts);
  if (enc === 'deflate') return deflate(body, opts);
  return brotliCompress(body);
}
