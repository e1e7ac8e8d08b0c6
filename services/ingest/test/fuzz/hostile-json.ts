import type { Prng } from './prng.js';

/**
 * Hostile JSON, as text: deep nesting is built as text because building it as a value and
 * stringifying it would overflow our own stack before the server ever saw it.
 */
export function hostileJson(rng: Prng, maxBytes: number): string {
  const kind = rng.weighted<() => string>([
    [4, () => rng.pick(WRONG_TYPES)],
    [2, () => JSON.stringify(hugeString(rng, maxBytes))],
    [2, () => deepArrays(rng.pick(DEPTHS))],
    [2, () => deepObjects(rng.pick(DEPTHS))],
    [3, () => rng.pick(NASTY_STRINGS)],
    [3, () => rng.pick(PROTOTYPE_KEYS)],
    [1, () => manyKeys(rng.int(100, 20_000))],
    [1, () => JSON.stringify(Array.from({ length: rng.int(100, 20_000) }, (_, i) => i))],
    [1, () => JSON.stringify(pathologicalText(rng, rng.int(1024, maxBytes)))],
  ]);
  return kind();
}

const DEPTHS = [15, 16, 17, 64, 129, 1000, 20_000];

const WRONG_TYPES = [
  'null',
  'true',
  'false',
  '0',
  '-1',
  '-0',
  '1.5',
  '1e309',
  '-1e309',
  '9007199254740993',
  '123456789012345678901234567890',
  '""',
  '" "',
  '"x"',
  '[]',
  '{}',
  '[null]',
  '[1,"a",null,{}]',
  '{"":""}',
  '"2026-02-30T25:61:61Z"',
  '"not a date"',
  '"-271821-04-20T00:00:00.000Z"',
  '"+275760-09-13T00:00:00.001Z"',
];

const NASTY_STRINGS = [
  '"\\ud800"',
  '"\\udfff tail"',
  '"\\udbff\\udbff"',
  '"a\\u0000b"',
  '"\\u0000"',
  '"\\u202e\\u200b\\ufeff"',
  '"🔥💥\\ud83d"',
  '"e\\u0301\\u0301\\u0301\\u0301"',
  '"line\\nbreak\\r\\n\\t"',
  '"{{ default }}"',
  '"../../etc/passwd"',
  '"<script>alert(1)</script>"',
  '"%s%n%x"',
  '"4111 1111 1111 1111"',
  '"user@example.com 10.0.0.1 ::1"',
];

const PROTOTYPE_KEYS = [
  '{"__proto__":{"polluted":true}}',
  '{"__proto__":null}',
  '{"__proto__":"x"}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"prototype":{"polluted":true}}',
  '{"toString":"x","valueOf":1,"hasOwnProperty":null}',
  '[{"__proto__":{"length":1e9}}]',
];

export function hugeString(rng: Prng, maxBytes: number): string {
  return rng
    .pick(['a', 'é', '🔥', '\u0000', '\\', '"', ' '])
    .repeat(rng.int(16_385, Math.max(16_385, maxBytes)));
}

/** Strings shaped to make regexes backtrack (the scrubber runs on every string). */
function pathologicalText(rng: Prng, length: number): string {
  const unit = rng.pick(['a', '1', 'a.', '1.', 'a@', 'a:', '::', '?', '?a', '&', '1 ', '1-', 'a%']);
  const prefix = rng.pick(['', '=', 'x@', '?token=']);
  return prefix + unit.repeat(Math.ceil(length / unit.length));
}

function deepArrays(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

function deepObjects(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

function manyKeys(count: number): string {
  let out = '{';
  for (let i = 0; i < count; i++) out += `${i === 0 ? '' : ','}"k${i}":${i}`;
  return `${out}}`;
}
