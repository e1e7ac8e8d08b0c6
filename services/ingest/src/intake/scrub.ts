import type { ErrorEvent } from '@faultline/contracts';
import { passesLuhn } from './luhn.js';

export const FILTERED = '[Filtered]';

export interface ScrubOptions {
  /** Replace email addresses in any text. @default false */
  emails: boolean;
  /** Replace IPv4 and IPv6 addresses in any text. @default false */
  ips: boolean;
  /** Extra key fragments whose values are secret, matched like the built-in ones. */
  keys: readonly string[];
}

/** Key fragments, compared lower-case without `-`/`_`: `X-Api-Key`, `db_password`, `authToken` all match. */
const SECRET_KEY_FRAGMENTS = [
  'password',
  'passwd',
  'secret',
  'token',
  'apikey',
  'authorization',
  'cookie',
  'credential',
  'privatekey',
  'creditcard',
  'cardnumber',
];

/** Identifiers and enums: never personal data, and rewriting them would break the contract. */
const STRUCTURAL_FIELDS = new Set([
  'schemaVersion',
  'eventId',
  'projectId',
  'timestamp',
  'receivedAt',
  'clockSkewMs',
  'level',
  'source',
  'sdk',
]);

const CARD_CANDIDATE = /\b\d(?:[ -]?\d){12,18}\b/g;
// Bounded as RFC 5321 bounds them (local part 64, domain 253): an unbounded `+@` rescans the rest
// of the string from every position, and 64 KiB of letters blocked the event loop for seconds.
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}/g;
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;
// Full eight groups, or a form with `::`; `12:30:45` (a time) and `Foo::Bar` (a Ruby constant) are neither.
const H = '[0-9A-Fa-f]{1,4}';
const IPV6 = new RegExp(
  `(?<![0-9A-Za-z:])(?:(?:${H}:){7}${H}|(?:${H}(?::${H}){0,6})?::(?:${H}(?::${H}){0,6})?)(?![0-9A-Za-z:])`,
  'g',
);
// A name stops at the next separator (`?` included), so each attempt scans only its own segment:
// with `?` allowed in names, `=` followed by 64 KiB of `?` took seconds (quadratic).
const QUERY_PARAM = /([?&;])([^=&;#?]+)=([^&;#]*)/g;

export function isSecretKey(key: string, extra: readonly string[] = []): boolean {
  const normalized = key.toLowerCase().replace(/[-_\s.]/g, '');
  return (
    SECRET_KEY_FRAGMENTS.some((f) => normalized.includes(f)) ||
    extra.some((f) => normalized.includes(f.toLowerCase()))
  );
}

/** Card numbers always; emails and IPs when configured; secret query parameters in URLs. */
export function scrubText(text: string, options: ScrubOptions): string {
  let out = text.replace(CARD_CANDIDATE, (match) => {
    const digits = match.replace(/[ -]/g, '');
    return digits.length >= 13 && passesLuhn(digits) ? FILTERED : match;
  });
  if (out.includes('=')) {
    out = out.replace(QUERY_PARAM, (match, sep: string, name: string) =>
      isSecretKey(safeDecode(name), options.keys) ? `${sep}${name}=${FILTERED}` : match,
    );
  }
  if (options.emails) out = out.replace(EMAIL, FILTERED);
  if (options.ips)
    out = out.replace(IPV4, FILTERED).replace(IPV6, (match) => (match === '::' ? match : FILTERED));
  return out;
}

/** A copy of any JSON value: values under secret keys replaced, every string scrubbed. */
export function scrubValue(value: unknown, options: ScrubOptions): unknown {
  if (typeof value === 'string') return scrubText(value, options);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, options));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    setOwn(
      out,
      key,
      isSecretKey(key, options.keys) && child !== null && child !== ''
        ? FILTERED
        : scrubValue(child, options),
    );
  }
  return out;
}

/** Scrubs everything an event carries except its identifiers, before it leaves ingest. */
export function scrubEvent(event: ErrorEvent, options: ScrubOptions): ErrorEvent {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event))
    setOwn(out, key, STRUCTURAL_FIELDS.has(key) ? value : scrubValue(value, options));
  return out as ErrorEvent;
}

/**
 * `out[key] = value` with key `__proto__` would set the copy's prototype instead: an event whose
 * required fields sat under a submitted `"__proto__"` key would then pass the contract check by
 * inheritance and reach Kafka without them. A defined property stays data like any other key.
 */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
