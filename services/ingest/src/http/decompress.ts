import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, inflateRaw } from 'node:zlib';
import { IngestError } from '../errors.js';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);
const inflateRawAsync = promisify(inflateRaw);
const brotliAsync = promisify(brotliDecompress);

/**
 * The body as sent before `Content-Encoding`. The decompressed size is capped by zlib itself
 * (`maxOutputLength`), so a few KiB of zip bomb stop at the body limit instead of filling memory.
 */
export async function decompressBody(
  body: Buffer,
  encoding: string | undefined,
  limitBytes: number,
): Promise<Buffer> {
  const name = (encoding ?? 'identity').trim().toLowerCase();
  try {
    switch (name) {
      case '':
      case 'identity':
        return body;
      case 'gzip':
      case 'x-gzip':
        return await gunzipAsync(body, { maxOutputLength: limitBytes });
      case 'deflate':
        // Some clients send raw deflate without the zlib wrapper the spec asks for; accept both.
        return body[0] !== undefined && (body[0] & 0x0f) === 8
          ? await inflateAsync(body, { maxOutputLength: limitBytes })
          : await inflateRawAsync(body, { maxOutputLength: limitBytes });
      case 'br':
        return await brotliAsync(body, { maxOutputLength: limitBytes });
      default:
        throw new IngestError(
          'FL_INGEST_UNSUPPORTED_ENCODING',
          `Content-Encoding ${name} is not supported (gzip, deflate, br)`,
        );
    }
  } catch (error) {
    if (error instanceof IngestError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new IngestError('FL_INGEST_BODY_TOO_LARGE', `the decompressed body exceeds ${limitBytes} bytes`);
    }
    throw new IngestError(
      'FL_INGEST_INVALID_BODY',
      `the body is not valid ${name}: ${(error as Error).message}`,
    );
  }
}
