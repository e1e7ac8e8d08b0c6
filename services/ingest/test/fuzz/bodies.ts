import { hostileJson } from './hostile-json.js';
import type { Prng } from './prng.js';

/** What a generated request may name: the fuzz project, and a second one to contradict it with. */
export interface FuzzTarget {
  projectId: string;
  key: string;
  otherProjectId: string;
  otherKey: string;
  /** host:port the DSNs point at */
  host: string;
}

const SLOT = '"@@FUZZ_SLOT@@"';

/** `value` as JSON with the value at `path` replaced by raw JSON text. */
function withSlot(value: Record<string, unknown>, path: readonly (string | number)[], raw: string): string {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) {
    const next = node[step];
    if (typeof next !== 'object' || next === null) node[step] = {};
    node = node[step] as Record<string | number, unknown>;
  }
  const last = path.at(-1);
  if (last === undefined) return raw;
  node[last] = '@@FUZZ_SLOT@@';
  return JSON.stringify(copy).replace(SLOT, () => raw);
}

export function nativeEvent(rng: Prng): Record<string, unknown> {
  return {
    eventId: `fz${rng.hex(30)}`,
    timestamp: new Date().toISOString(),
    level: rng.pick(['fatal', 'error', 'warning', 'info', 'debug']),
    message: `fuzz ${rng.hex(8)}`,
    source: rng.pick(['express', 'other']),
    component: 'fuzz',
    exception: [
      {
        type: 'FuzzError',
        value: 'generated',
        frames: [{ filename: 'src/fuzz.ts', function: 'run', lineno: 1, inApp: true }],
      },
    ],
    tags: { region: 'fz' },
    extra: { n: 1 },
    request: { url: 'https://shop.example/a?b=1', method: 'GET' },
  };
}

const NATIVE_PATHS: readonly (readonly (string | number)[])[] = [
  ['eventId'],
  ['timestamp'],
  ['level'],
  ['message'],
  ['source'],
  ['component'],
  ['projectId'],
  ['schemaVersion'],
  ['receivedAt'],
  ['clockSkewMs'],
  ['exception'],
  ['exception', 0],
  ['exception', 0, 'type'],
  ['exception', 0, 'frames'],
  ['exception', 0, 'frames', 0, 'lineno'],
  ['tags'],
  ['tags', 'region'],
  ['tags', '__proto__'],
  ['extra'],
  ['extra', 'n'],
  ['extra', '__proto__'],
  ['extra', 'constructor'],
  ['request'],
  ['request', 'url'],
  ['fingerprint'],
  ['sdk'],
  ['responseTimeMs'],
  ['unknownField'],
  ['__proto__'],
  ['constructor'],
];

/** A native event with one field replaced by hostile JSON, as text. */
export function mutatedNativeEvent(rng: Prng, maxBytes: number): string {
  const event = nativeEvent(rng);
  if (rng.chance(0.1)) return JSON.stringify(event);
  if (rng.chance(0.1)) {
    // Required fields present only under `__proto__`: must be refused, never accepted half-empty.
    const { timestamp, level, message, source, ...rest } = event;
    return JSON.stringify({ ...rest, '@@P@@': { timestamp, level, message, source } }).replace(
      '"@@P@@"',
      '"__proto__"',
    );
  }
  return withSlot(event, rng.pick(NATIVE_PATHS), hostileJson(rng, maxBytes));
}

export function nativeBody(rng: Prng, maxBytes: number): { body: string; contentType?: string } {
  const shape = rng.pick(['object', 'array', 'ndjson', 'pretty', 'raw'] as const);
  const count = rng.int(1, 5);
  const events = () => Array.from({ length: count }, () => mutatedNativeEvent(rng, maxBytes / count));
  switch (shape) {
    case 'object':
      return { body: mutatedNativeEvent(rng, maxBytes), contentType: 'application/json' };
    case 'array':
      return { body: `[${events().join(',')}]`, contentType: 'application/json' };
    case 'ndjson':
      return {
        body: events().join(rng.pick(['\n', '\r\n', '\n\n'])),
        contentType: rng.pick(['application/x-ndjson', 'application/ndjson', 'text/plain', undefined]),
      };
    case 'pretty':
      return { body: JSON.stringify(nativeEvent(rng), null, 2), contentType: 'application/json' };
    case 'raw':
      return { body: hostileJson(rng, maxBytes), contentType: 'application/json' };
  }
}

export function sentryEvent(rng: Prng): Record<string, unknown> {
  return {
    event_id: rng.hex(32),
    timestamp: Date.now() / 1000,
    platform: 'javascript',
    level: 'error',
    logentry: { formatted: `sentry fuzz ${rng.hex(8)}` },
    exception: {
      values: [
        {
          type: 'TypeError',
          value: 'x is undefined',
          stacktrace: { frames: [{ filename: 'app.js', function: 'f', lineno: 3, colno: 7, in_app: true }] },
          mechanism: { type: 'onerror', handled: false },
        },
      ],
    },
    tags: { component: 'fuzz' },
    extra: { k: 'v' },
    contexts: { os: { name: 'Linux' } },
    user: { id: 'u1' },
    request: { url: 'https://shop.example/', headers: { 'User-Agent': 'fuzz' } },
    sdk: { name: 'sentry.javascript.node', version: '8.0.0' },
  };
}

const SENTRY_PATHS: readonly (readonly (string | number)[])[] = [
  ['event_id'],
  ['timestamp'],
  ['level'],
  ['message'],
  ['logentry'],
  ['logentry', 'formatted'],
  ['exception'],
  ['exception', 'values'],
  ['exception', 'values', 0],
  ['exception', 'values', 0, 'type'],
  ['exception', 'values', 0, 'stacktrace', 'frames'],
  ['exception', 'values', 0, 'stacktrace', 'frames', 0, 'lineno'],
  ['exception', 'values', 0, 'mechanism'],
  ['tags'],
  ['tags', 'source'],
  ['tags', '__proto__'],
  ['extra'],
  ['extra', '__proto__'],
  ['extra', 'deep'],
  ['contexts'],
  ['contexts', 'os'],
  ['user'],
  ['user', 'id'],
  ['request'],
  ['request', 'headers'],
  ['fingerprint'],
  ['sdk'],
  ['release'],
  ['environment'],
  ['__proto__'],
  ['constructor'],
];

export function sentryEventText(rng: Prng, maxBytes: number): string {
  const event = sentryEvent(rng);
  if (rng.chance(0.15)) return JSON.stringify(event);
  if (rng.chance(0.1)) return hostileJson(rng, maxBytes);
  return withSlot(event, rng.pick(SENTRY_PATHS), hostileJson(rng, maxBytes));
}

function dsnFor(rng: Prng, target: FuzzTarget): unknown {
  const host = target.host;
  return rng.weighted<unknown>([
    [6, `http://${target.key}@${host}/${target.projectId}`],
    [1, `http://${target.otherKey}@${host}/${target.otherProjectId}`],
    [1, `http://${target.key}@${host}/${target.otherProjectId}`],
    [1, `http://${target.otherKey}@${host}/${target.projectId}`],
    [1, 'not a url'],
    [1, `http://${host}/${target.projectId}`],
    [1, `http://${target.key}@${host}/`],
    [1, `http://%zz@${host}/${target.projectId}`],
    [1, `http://${target.key}:secret@${host}/sub/path/${target.projectId}`],
    [1, `http://${'k'.repeat(rng.int(1000, 20_000))}@${host}/1`],
    [1, 42],
    [1, null],
    [1, ['x']],
    [1, ''],
  ]);
}

/** A Sentry envelope with one part broken: its header, an item header, a length, or a payload. */
export function envelopeBody(rng: Prng, target: FuzzTarget, maxBytes: number): Buffer {
  const header: Record<string, unknown> = {
    event_id: rng.hex(32),
    sent_at: new Date().toISOString(),
  };
  if (rng.chance(0.6)) header.dsn = dsnFor(rng, target);
  let headerLine = rng.weighted<string>([
    [8, JSON.stringify(header)],
    [1, hostileJson(rng, 4096)],
    [1, ''],
    [1, '{"dsn":'],
  ]);
  if (headerLine.includes('\n')) headerLine = headerLine.replaceAll('\n', ' ');

  const items: Buffer[] = [];
  const itemCount = rng.weighted<number>([
    [8, 1],
    [3, rng.int(2, 5)],
    [1, 0],
    [1, rng.int(100, 1000)],
  ]);
  for (let i = 0; i < itemCount; i++) {
    const type = rng.weighted<unknown>([
      [8, 'event'],
      [1, 'session'],
      [1, 'attachment'],
      [1, 'client_report'],
      [1, 'transaction'],
      [1, 'unknown_type'],
      [1, 42],
      [1, '__proto__'],
    ]);
    const payload = Buffer.from(
      itemCount > 50 ? '{}' : sentryEventText(rng, maxBytes / Math.max(1, itemCount)),
    );
    const lengthMode = rng.pick(['exact', 'absent', 'absent', 'short', 'long', 'weird'] as const);
    const itemHeader: Record<string, unknown> = { type };
    if (lengthMode === 'exact') itemHeader.length = payload.length;
    if (lengthMode === 'short') itemHeader.length = Math.max(0, payload.length - rng.int(1, 50));
    if (lengthMode === 'long') itemHeader.length = payload.length + rng.int(1, 1_000_000);
    if (lengthMode === 'weird')
      itemHeader.length = rng.pick([-1, 1.5, '10', null, 1e308, Number.MAX_SAFE_INTEGER, []]);
    const itemHeaderLine = rng.chance(0.05)
      ? hostileJson(rng, 1024).replaceAll('\n', ' ')
      : JSON.stringify(itemHeader);
    items.push(Buffer.from(`${itemHeaderLine}\n`), payload, Buffer.from(rng.chance(0.8) ? '\n' : ''));
  }
  return Buffer.concat([Buffer.from(`${headerLine}\n`), ...items]);
}

const INVALID_UTF8 = [
  [0xff],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf],
  [0x80],
  [0xe2, 0x82],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf0, 0x9f, 0x94],
];

/** Byte-level damage on top of any body: truncation, bit flips, NULs, invalid UTF-8, a BOM. */
export function damageBytes(rng: Prng, body: Buffer): Buffer {
  const at = body.length === 0 ? 0 : rng.int(0, body.length - 1);
  return rng.weighted<() => Buffer>([
    [3, () => body.subarray(0, at)],
    [
      2,
      () => {
        const copy = Buffer.from(body);
        for (let i = rng.int(1, 8); i > 0 && copy.length > 0; i--)
          copy[rng.int(0, copy.length - 1)] = rng.int(0, 255);
        return copy;
      },
    ],
    [2, () => Buffer.concat([body.subarray(0, at), Buffer.from(rng.pick(INVALID_UTF8)), body.subarray(at)])],
    [1, () => Buffer.concat([body.subarray(0, at), Buffer.alloc(rng.int(1, 64)), body.subarray(at)])],
    [1, () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body])],
    [1, () => Buffer.concat([body, rng.bytes(rng.int(1, 256))])],
    [1, () => Buffer.alloc(0)],
    [1, () => Buffer.from(' \n\t\r\n ')],
    [1, () => rng.bytes(rng.int(1, 4096))],
  ])();
}
