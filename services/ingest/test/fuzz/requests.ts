import { damageBytes, envelopeBody, type FuzzTarget, nativeBody, sentryEventText } from './bodies.js';
import { encodeBody } from './encodings.js';
import { Prng } from './prng.js';

/** How the body is framed on the wire; everything but `length` and `chunked` is an HTTP-level lie. */
export type Framing =
  | 'length'
  | 'chunked'
  | 'length-short'
  | 'length-long'
  | 'none'
  | 'chunked-bad'
  | 'length-twice'
  | 'length-and-chunked';

export interface FuzzCase {
  seed: number;
  index: number;
  /** What was generated, e.g. `envelope+gzip-bomb+framing:chunked`. */
  name: string;
  method: string;
  path: string;
  /** Header lines as sent, byte for byte (latin1), possibly invalid. */
  headers: [string, string][];
  body: Buffer;
  framing: Framing;
  /** Broken at the HTTP level (framing, header bytes, method): the server may close without answering. */
  httpMalformed: boolean;
}

export interface FuzzLimits {
  /** The ingest process's body limit: bodies are generated up to about twice it. */
  bodyLimitBytes: number;
}

const HTTP_LEVEL_LIES: readonly Framing[] = [
  'length-short',
  'length-long',
  'none',
  'chunked-bad',
  'length-twice',
  'length-and-chunked',
];

/** Case `index` of run `seed`: a pure function of both, so any case can be replayed alone. */
export function generateCase(seed: number, index: number, target: FuzzTarget, limits: FuzzLimits): FuzzCase {
  const rng = Prng.forCase(seed, index);
  const names: string[] = [];
  const headers: [string, string][] = [];
  let httpMalformed = false;
  const maxBytes = rng.chance(0.05)
    ? limits.bodyLimitBytes * 2
    : Math.min(limits.bodyLimitBytes / 2, 64 * 1024);

  const route = rng.weighted<'native' | 'envelope' | 'store' | 'elsewhere'>([
    [4, 'native'],
    [3, 'envelope'],
    [2, 'store'],
    [1, 'elsewhere'],
  ]);
  names.push(route);
  let projectId = target.projectId;
  if (rng.chance(0.08)) {
    projectId = rng.pick(PROJECT_IDS);
    names.push(`project:${projectId}`);
  }
  const query: string[] = [];
  let path: string;
  let body: Buffer;
  let contentType: string | undefined;
  switch (route) {
    case 'native': {
      const native = nativeBody(rng, maxBytes);
      body = Buffer.from(native.body);
      contentType = native.contentType;
      path = '/api/v1/events';
      break;
    }
    case 'envelope':
      body = envelopeBody(rng, target, maxBytes);
      contentType = rng.pick(['application/x-sentry-envelope', 'text/plain;charset=UTF-8', undefined]);
      path = `/api/${projectId}/envelope/`;
      break;
    case 'store':
      body = Buffer.from(sentryEventText(rng, maxBytes));
      contentType = 'application/json';
      path = `/api/${projectId}/store/`;
      break;
    default:
      body = Buffer.from(sentryEventText(rng, 4096));
      path = rng.pick([
        '/',
        '/api',
        '/api/',
        '/api/v1/events/',
        '/api/v2/events',
        `/api/${projectId}/`,
        `/api/${projectId}/minidump/`,
        '/admin/projects',
        '/healthz',
        '/metrics',
        '/%',
        '//api//v1//events',
        '/api/v1/events/../../healthz',
      ]);
  }

  // Auth: usually right, so bodies get past it; otherwise missing, garbage or contradicting.
  const auth = rng.weighted<string>([
    [7, 'valid'],
    [1, 'missing'],
    [1, 'garbage'],
    [1, 'contradicting'],
  ]);
  names.push(`auth:${auth}`);
  const valid =
    route === 'native'
      ? ['authorization', `Bearer ${target.key}`]
      : ['x-sentry-auth', `Sentry sentry_version=7, sentry_key=${target.key}, sentry_client=fuzz/1`];
  if (auth === 'valid') {
    if (route !== 'native' && rng.chance(0.3)) query.push(`sentry_key=${target.key}`);
    else headers.push(valid as [string, string]);
  } else if (auth === 'garbage') {
    headers.push(rng.pick(garbageAuth(rng, target)));
  } else if (auth === 'contradicting') {
    headers.push(
      valid as [string, string],
      rng.pick([
        ['x-faultline-key', target.otherKey],
        ['x-sentry-auth', `Sentry sentry_key=${target.otherKey}`],
        ['authorization', `Bearer ${target.otherKey}`],
      ] as [string, string][]),
    );
    if (rng.chance(0.5)) query.push(`sentry_key=${target.otherKey}`);
  }
  if (rng.chance(0.05))
    query.push(
      rng.pick([
        'sentry_key=%zz',
        'sentry_key=',
        'sentry_key=a&sentry_key=b',
        'sentry_version=7&sentry_key[]=x',
        `__proto__[x]=1`,
        `${'q'.repeat(4000)}=1`,
      ]),
    );
  if (query.length > 0) path += `?${query.join('&')}`;

  if (rng.chance(0.12)) {
    body = damageBytes(rng, body);
    names.push('damaged');
  }
  const encodings: string[] = [];
  if (rng.chance(0.2)) {
    const encoded = encodeBody(rng, body);
    body = encoded.body;
    encodings.push(...encoded.encodings);
    names.push(`encoding:${encoded.encodings.join('|') || 'none'}`);
  }
  for (const encoding of encodings) headers.push(['content-encoding', encoding]);

  if (rng.chance(0.15)) {
    names.push('content-type-chaos');
    const chaos = rng.pick<(string | undefined)[]>([
      [undefined],
      ['application/json; charset=latin1'],
      ['multipart/form-data; boundary=x'],
      ['application/x-www-form-urlencoded'],
      ['application/json', 'text/plain'],
      ['application/x-ndjson', 'application/json'],
      ['*/*'],
      [';;;'],
      ['application/json; charset=utf-16'],
      ['x'.repeat(2000)],
    ]);
    for (const value of chaos) if (value !== undefined) headers.push(['content-type', value]);
  } else if (contentType !== undefined) {
    headers.push(['content-type', contentType]);
  }

  if (rng.chance(0.06)) {
    names.push('huge-header');
    headers.push([
      rng.pick(['x-fuzz', 'user-agent', 'origin', 'x-sentry-auth', 'cookie']),
      'h'.repeat(rng.int(1000, 20_000)),
    ]);
  }
  if (rng.chance(0.04)) {
    const count = rng.int(50, 1500);
    names.push(`many-headers:${count}`);
    for (let i = 0; i < count; i++) headers.push([`x-fuzz-${i}`, String(i)]);
  }
  if (rng.chance(0.04)) {
    names.push('origin');
    headers.push(['origin', rng.pick(['https://evil.example', 'null', '*', 'https://shop.example', ''])]);
  }
  if (rng.chance(0.04)) {
    names.push('bad-header-bytes');
    httpMalformed = true;
    headers.push(
      rng.pick<[string, string]>([
        ['x-fuzz', 'a\u0000b'],
        ['x-fuzz', 'a\rb'],
        ['x fuzz', 'space in name'],
        ['x-fuzz', 'folded\r\n continued'],
        ['', 'empty name'],
        ['x-fuzz', '\u007f'],
        ['x-fuzz\u0000', 'nul in name'],
      ]),
    );
  }
  const bytesOverLimit = headers.reduce((sum, [k, v]) => sum + k.length + v.length + 4, 0) > 15_000;
  if (bytesOverLimit) httpMalformed = true; // Node refuses headers over 16 KiB with 431 and closes.

  let method = 'POST';
  if (rng.chance(0.08)) {
    method = rng.pick([
      'GET',
      'PUT',
      'DELETE',
      'PATCH',
      'HEAD',
      'OPTIONS',
      'TRACE',
      'PROPFIND',
      'FOO',
      'post',
      'P0ST',
      'SEARCH',
    ]);
    names.push(`method:${method}`);
    if (!/^[A-Z]+$/.test(method) || ['FOO', 'P0ST'].includes(method)) httpMalformed = true;
  }

  let framing: Framing = rng.chance(0.1) ? 'chunked' : 'length';
  if (rng.chance(0.07)) {
    framing = rng.pick(HTTP_LEVEL_LIES);
    httpMalformed = true;
  }
  if (framing === 'none' && body.length === 0) framing = 'length';
  names.push(`framing:${framing}`, `bytes:${body.length}`);
  return { seed, index, name: names.join('+'), method, path, headers, body, framing, httpMalformed };
}

const PROJECT_IDS = [
  '..',
  '..%2F..%2Fadmin',
  '%2e%2e',
  '1%00',
  '0',
  '-1',
  '1.5',
  '99999999999999999999999',
  '00000000000000000001',
  'abc',
  '1%20OR%201=1',
  '%F0%9F%94%A5',
  '1;2',
  'x'.repeat(3000),
  '',
];

function garbageAuth(rng: Prng, target: FuzzTarget): [string, string][] {
  return [
    ['authorization', 'Bearer'],
    ['authorization', 'Bearer  '],
    ['authorization', `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['authorization', `Bearer ${target.key} extra`],
    ['authorization', `Bearer ${'f'.repeat(32)}`],
    ['authorization', 'Sentry sentry_key'],
    ['authorization', 'Sentry ,,,,=,=,'],
    ['x-sentry-auth', 'Sentry'],
    ['x-sentry-auth', `sentry_key=${rng.hex(32)}`],
    ['x-sentry-auth', 'Sentry sentry_key=, sentry_key=x'],
    ['x-sentry-auth', `Sentry ${'sentry_key=a,'.repeat(500)}`],
    ['x-sentry-auth', 'Sentry __proto__=x, constructor=y'],
    ['x-faultline-key', ' '],
    ['x-faultline-key', '\u00e9\u00e9'],
    ['x-faultline-key', target.key.toUpperCase()],
  ];
}

/** The request as bytes on the wire. */
export function encodeRequest(fuzzCase: FuzzCase, host: string): Buffer {
  const { body, framing } = fuzzCase;
  const lines = [`${fuzzCase.method} ${fuzzCase.path} HTTP/1.1`, `host: ${host}`, 'connection: close'];
  for (const [name, value] of fuzzCase.headers) lines.push(`${name}: ${value}`);
  let payload = body;
  switch (framing) {
    case 'length':
      lines.push(`content-length: ${body.length}`);
      break;
    case 'length-short':
      lines.push(`content-length: ${Math.floor(body.length / 2)}`);
      break;
    case 'length-long':
      lines.push(`content-length: ${body.length + 1 + (body.length % 977)}`);
      break;
    case 'length-twice':
      lines.push(`content-length: ${body.length}`, `content-length: ${body.length + 1}`);
      break;
    case 'length-and-chunked':
      lines.push(`content-length: ${body.length}`, 'transfer-encoding: chunked');
      payload = chunked(body);
      break;
    case 'chunked':
      lines.push('transfer-encoding: chunked');
      payload = chunked(body);
      break;
    case 'chunked-bad':
      lines.push('transfer-encoding: chunked');
      payload = Buffer.concat([
        Buffer.from(`${(body.length + 7).toString(16)}zz\r\n`),
        body,
        Buffer.from('\r\n0\r\n'),
      ]);
      break;
    case 'none':
      break;
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

function chunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += 8192) {
    const piece = body.subarray(offset, offset + 8192);
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

/** For a failure report: the case without megabytes of body. */
export function describeCase(fuzzCase: FuzzCase): string {
  const head = fuzzCase.body.subarray(0, 300);
  const headers = fuzzCase.headers
    .slice(0, 12)
    .map(([k, v]) => `${k}: ${v.length > 120 ? `${v.slice(0, 120)}…(${v.length})` : v}`)
    .join(' | ');
  return [
    `case ${fuzzCase.index} of seed ${fuzzCase.seed}: ${fuzzCase.name}`,
    `  ${fuzzCase.method} ${fuzzCase.path.length > 200 ? `${fuzzCase.path.slice(0, 200)}…` : fuzzCase.path}`,
    `  headers (${fuzzCase.headers.length}): ${headers}`,
    `  body (${fuzzCase.body.length} bytes, first ${head.length} as JSON string): ${JSON.stringify(head.toString('latin1'))}`,
  ].join('\n');
}
