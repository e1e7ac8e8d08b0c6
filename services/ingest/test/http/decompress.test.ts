import { brotliCompressSync, constants, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decompressBody } from '../../src/http/decompress.js';

const text = Buffer.from('{"message":"hello"}');

describe('decompressBody', () => {
  it.each([
    { encoding: undefined, body: text },
    { encoding: 'identity', body: text },
    { encoding: 'gzip', body: gzipSync(text) },
    { encoding: 'deflate', body: deflateSync(text) },
    { encoding: 'deflate', body: deflateRawSync(text) },
    { encoding: 'br', body: brotliCompressSync(text) },
  ])('decodes $encoding', async ({ encoding, body }) => {
    expect((await decompressBody(body, encoding, 1024)).toString()).toBe(text.toString());
  });

  it.each(['gzip', 'deflate', 'br'])('stops a %s bomb at the limit', async (encoding) => {
    const bomb = Buffer.alloc(16 * 1024 * 1024);
    // Fast brotli settings: the default quality spends seconds compressing zeros.
    const br = (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });
    const compress = { gzip: gzipSync, deflate: deflateSync, br }[encoding]!;
    await expect(decompressBody(compress(bomb), encoding, 1024 * 1024)).rejects.toMatchObject({
      code: 'FL_INGEST_BODY_TOO_LARGE',
      statusCode: 413,
    });
  });

  it.each([
    { name: 'garbage gzip', encoding: 'gzip', code: 'FL_INGEST_INVALID_BODY' },
    { name: 'an unknown encoding', encoding: 'zstd', code: 'FL_INGEST_UNSUPPORTED_ENCODING' },
  ])('refuses $name', async ({ encoding, code }) => {
    await expect(decompressBody(text, encoding, 1024)).rejects.toMatchObject({ code });
  });
});
