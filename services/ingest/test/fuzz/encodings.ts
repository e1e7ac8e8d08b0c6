import { brotliCompressSync, constants, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import type { Prng } from './prng.js';

/** A body with a Content-Encoding story: honest, garbage, truncated, a bomb, or declared but plain. */
export interface EncodedBody {
  body: Buffer;
  /** Content-Encoding header values to send (none, one, or contradicting ones). */
  encodings: string[];
}

const bombs = new Map<string, Buffer>();
/** Kilobytes that inflate to many megabytes of zeros; made once per process. */
function bomb(kind: 'gzip' | 'deflate' | 'br'): Buffer {
  let made = bombs.get(kind);
  if (!made) {
    const zeros = Buffer.alloc(kind === 'br' ? 64 * 1_048_576 : 16 * 1_048_576);
    made =
      kind === 'gzip'
        ? gzipSync(zeros, { level: 9 })
        : kind === 'deflate'
          ? deflateSync(zeros, { level: 9 })
          : brotliCompressSync(zeros, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    bombs.set(kind, made);
  }
  return made;
}

function compress(name: string, body: Buffer): Buffer {
  switch (name) {
    case 'gzip':
    case 'x-gzip':
      return gzipSync(body);
    case 'deflate':
      return deflateSync(body);
    case 'deflate-raw':
      return deflateRawSync(body);
    default:
      return brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
  }
}

export function encodeBody(rng: Prng, body: Buffer): EncodedBody {
  const name = rng.pick(['gzip', 'x-gzip', 'deflate', 'deflate-raw', 'br'] as const);
  const declared = name === 'deflate-raw' ? 'deflate' : name;
  return rng.weighted<() => EncodedBody>([
    [
      4,
      () => ({
        body: compress(name, body),
        encodings: [rng.pick([declared, declared.toUpperCase(), ` ${declared} `])],
      }),
    ],
    [2, () => ({ body, encodings: [declared] })],
    [2, () => ({ body: rng.bytes(rng.int(0, 2048)), encodings: [declared] })],
    [
      2,
      () => {
        const full = compress(name, body);
        return { body: full.subarray(0, rng.int(0, Math.max(0, full.length - 1))), encodings: [declared] };
      },
    ],
    [
      1,
      () => {
        const full = Buffer.from(compress(name, body));
        const at = rng.int(0, full.length - 1);
        if (full.length > 0) full[at] = (full[at] ?? 0) ^ (1 << rng.int(0, 7));
        return { body: full, encodings: [declared] };
      },
    ],
    [
      2,
      () => {
        const kind = rng.pick(['gzip', 'deflate', 'br'] as const);
        return { body: bomb(kind), encodings: [kind] };
      },
    ],
    [1, () => ({ body: compress('gzip', compress('gzip', body)), encodings: ['gzip'] })],
    [1, () => ({ body: compress('br', compress('gzip', body)), encodings: ['gzip, br'] })],
    [1, () => ({ body: compress('gzip', body), encodings: ['gzip', 'br'] })],
    [1, () => ({ body: compress('gzip', body), encodings: ['br'] })],
    [
      1,
      () => ({
        body,
        encodings: [rng.pick(['compress', 'zstd', 'identity', 'chunked', '', 'gzip;q=1', '*', '\u00e9'])],
      }),
    ],
  ])();
}
