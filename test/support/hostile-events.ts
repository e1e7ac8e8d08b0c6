/**
 * Hostile events for everything downstream of ingest, generated from a seed so any case can
 * be replayed by (seed, index). Each is aimed at a pattern, a normalizer or a limit: bait that
 * makes a backtracking engine take polynomial time, fields at the contract's limits, many tags,
 * deep nesting, odd Unicode; and (for direct producers only) bytes the contract refuses.
 */
import { CRITICAL_PATTERNS, SECURITY_PATTERNS } from '@faultline/config';

export type HostileKind =
  | 'rule-bait'
  | 'normalizer-bait'
  | 'giant-fields'
  | 'many-tags'
  | 'deep-nesting'
  | 'odd-unicode'
  | 'invalid';

export interface HostileCase {
  seed: number;
  index: number;
  kind: HostileKind;
  /** What a producer writes: the event as JSON, or raw bytes for the invalid cases. */
  bytes: Buffer;
  /** The eventId the bytes carry, when they carry one. */
  eventId?: string;
  /** What the categorizer must do with it: categorize it, or dead-letter it with a reason. */
  expected: 'categorized' | 'dead-letter';
}

const KINDS: readonly HostileKind[] = [
  'rule-bait',
  'normalizer-bait',
  'giant-fields',
  'many-tags',
  'deep-nesting',
  'odd-unicode',
  'invalid',
];
/** `a.*b.*c` without its `c`, repeated: every prefix, never a match. */
const RULE_BAITS = [...CRITICAL_PATTERNS, ...SECURITY_PATTERNS].map((p) =>
  p.split('.*').slice(0, -1).join(''),
);
/** Runs the message normalizers (urls, emails, hex, numbers, quotes) cannot end early on. */
const NORMALIZER_BAITS = [
  'a.',
  'a-',
  'a.b+',
  '0x',
  'a1',
  '1.',
  "'x ",
  '`x ',
  'a@a.',
  '0123abcd-',
  '2026-12-02T',
];
const ODD_UNICODE = [
  '\u202e', // right-to-left override
  '\u200b\u200d\ufeff', // zero-width characters and a BOM
  'e\u0301\u0301\u0301\u0301', // stacked combining accents
  '\ud800', // a lone high surrogate
  '\udfff', // a lone low surrogate
  '\u0000', // NUL
  '\ud83d\udca5', // an emoji (a valid surrogate pair)
  '\u{10ffff}', // the last code point
];

export function hostileCase(seed: number, index: number, projectId = 'hostile'): HostileCase {
  const random = mulberry32(seed * 1_000_003 + index);
  const kind = KINDS[index % KINDS.length] as HostileKind;
  const eventId = `hostile-${seed}-${index}`;
  const base = {
    schemaVersion: 1,
    eventId,
    projectId,
    timestamp: new Date().toISOString(),
    level: 'error',
    source: 'other',
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const json = (event: object): HostileCase => ({
    expected: 'categorized',
    seed,
    index,
    kind,
    eventId,
    bytes: Buffer.from(JSON.stringify(event)),
  });

  switch (kind) {
    case 'rule-bait': {
      const unit = pick(RULE_BAITS);
      return json({
        ...base,
        message: fill(unit, 16_384),
        component: fill(unit, 128),
        exception: [
          {
            type: fill(unit, 256),
            value: fill(unit, 8192),
            frames: [{ function: fill(unit, 512), filename: fill(unit, 1024) }],
          },
        ],
      });
    }
    case 'normalizer-bait': {
      const unit = pick(NORMALIZER_BAITS);
      return json({
        ...base,
        message: fill(unit, 16_384),
        exception: [{ type: 'Error', value: fill(unit, 8192) }],
      });
    }
    case 'giant-fields':
      // 16 exceptions of 12 frames near their longest fields: about 900 KB, under ingest's 1 MiB.
      return json({
        ...base,
        message: randomText(random, 16_384),
        exception: Array.from({ length: 16 }, () => ({
          type: randomText(random, 256),
          value: randomText(random, 8192),
          frames: Array.from({ length: 12 }, () => ({
            filename: randomText(random, 1024),
            function: randomText(random, 512),
            lineno: Math.floor(random() * 1e6),
          })),
        })),
      });
    case 'many-tags':
      return json({
        ...base,
        message: 'many tags',
        tags: Object.fromEntries(
          Array.from({ length: 64 }, (_, i) => [
            `t${i}${randomText(random, 40)}`.slice(0, 64),
            randomText(random, 256),
          ]),
        ),
        extra: Object.fromEntries(Array.from({ length: 128 }, (_, i) => [`x${i}`, randomText(random, 512)])),
      });
    case 'deep-nesting': {
      // Deeper than any recursive walk (JSON.stringify included) survives, so written by hand; past the
      // contract's depth limit, so dead-lettered (ingest refuses it at its own, lower limit).
      const depth = 20_000;
      const nested = `${'[{"d":'.repeat(depth)}"bottom"${'}]'.repeat(depth)}`;
      const event = JSON.stringify({ ...base, message: 'deep extra', extra: { nested: null } });
      return {
        seed,
        index,
        kind,
        eventId,
        expected: 'dead-letter',
        bytes: Buffer.from(event.replace('"nested":null', `"nested":${nested}`)),
      };
    }
    case 'odd-unicode': {
      const text = Array.from({ length: 2_000 }, () => pick(ODD_UNICODE)).join('');
      return json({
        ...base,
        message: text,
        component: text.slice(0, 100) || 'x',
        tags: { [text.slice(0, 10)]: text.slice(0, 256) },
        exception: [{ type: text.slice(0, 256), value: text.slice(0, 8192) }],
      });
    }
    case 'invalid': {
      // Cycles through every refusal, so a short run still meets each one.
      const payloads = invalidPayloads(base);
      return {
        seed,
        index,
        kind,
        expected: 'dead-letter',
        bytes: payloads[Math.floor(index / KINDS.length) % payloads.length] as Buffer,
      };
    }
  }
}

/** What the contract refuses; only direct producers can send these (ingest answers 4xx). */
function invalidPayloads(base: Record<string, unknown>): Buffer[] {
  return [
    Buffer.from('{"message": "truncated'),
    Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), // invalid UTF-8
    Buffer.from(JSON.stringify({ ...base, message: 'x'.repeat(16_385) })), // over the limit
    Buffer.from(JSON.stringify({ ...base, level: { $ne: 1 } })), // wrong type
    Buffer.from(`{"__proto__":{"polluted":true},${JSON.stringify(base).slice(1)}`), // a prototype key, no message
    Buffer.from(''),
  ];
}

function fill(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** Printable ASCII, Latin-1, CJK and symbols: every byte width UTF-8 has, one char per code unit. */
function randomText(random: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    const roll = random();
    const code =
      roll < 0.7
        ? 0x20 + Math.floor(random() * 0x5f)
        : roll < 0.85
          ? 0xa0 + Math.floor(random() * 0x60)
          : 0x4e00 + Math.floor(random() * 0x5000);
    text += String.fromCharCode(code);
  }
  return text;
}

/** A small, fast, seedable generator: replaying a case needs only its seed and index. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
