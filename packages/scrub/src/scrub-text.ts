import { passesLuhn } from './luhn.js';
import { isSecretKey } from './secret-keys.js';

/** A value removed because its field (or query parameter) name says it is secret. */
export const FILTERED = '[Filtered]';

/** What replaces each kind of value found in text: it says what was there, so grouping still sees a shape. */
export const PLACEHOLDERS = {
  email: '[email]',
  ip: '[ip]',
  jwt: '[jwt]',
  token: '[token]',
  apiKey: '[api-key]',
  card: '[card]',
} as const;

export interface TextScrubOptions {
  /** Replace email addresses. */
  emails: boolean;
  /** Replace IPv4 and IPv6 addresses. */
  ips: boolean;
  /** Extra name fragments of secret query parameters, on top of the built-in ones. */
  sensitiveFields: readonly string[];
}

// Every pattern below runs in time linear in the text (test/linear-time.test.ts): those that
// scan a run of characters start only where the run starts (the look-behind), so a long run that
// never completes a match is scanned once, not once from each of its positions.
const KEY_CHARS = 'A-Za-z0-9_-';
// header.payload.signature, each base64url; header and payload are JSON objects, so both start `eyJ` (`{"`).
const JWT = new RegExp(`(?<![${KEY_CHARS}])eyJ[${KEY_CHARS}]+\\.eyJ[${KEY_CHARS}]+\\.[${KEY_CHARS}]*`, 'g');
// `Authorization: Bearer <token>` pasted into a log line; the scheme is kept, the credential goes.
// A credential has a digit or a base64 symbol, so words ("Bearer authentication failed") stay.
const BEARER = /(?<![A-Za-z0-9])(bearer|basic)[ \t]{1,8}(?=[A-Za-z._~-]*[0-9+/=])[A-Za-z0-9._~+/-]{8,}=*/gi;
// Keys whose shape says what they are: providers prefix them so leaked keys can be found, as here.
const API_KEY = new RegExp(
  `(?<![${KEY_CHARS}])(?:` +
    [
      '(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}', // Stripe
      'sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}', // OpenAI, Anthropic
      'gh[pousr]_[A-Za-z0-9]{30,}', // GitHub
      'github_pat_[A-Za-z0-9_]{22,}',
      'glpat-[A-Za-z0-9_-]{20,}', // GitLab
      'xox[abeprs]-[A-Za-z0-9-]{10,}', // Slack
      'AKIA[0-9A-Z]{16}', // AWS access key id
      'AIza[0-9A-Za-z_-]{35}', // Google
      'npm_[A-Za-z0-9]{36}',
      'flt_[A-Za-z0-9]+_[A-Za-z0-9_-]{16,}', // Faultline's own API tokens
    ].join('|') +
    `)(?![${KEY_CHARS}])`,
  'g',
);
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

/**
 * Tokens, API keys, secret query parameters and card numbers always; emails and IPs as
 * configured. JWTs go before bearer tokens and query parameters, so `?token=eyJ...` and
 * `Bearer eyJ...` still say a JWT was there.
 */
export function scrubText(text: string, options: TextScrubOptions): string {
  let out = text;
  if (out.includes('eyJ')) out = out.replace(JWT, PLACEHOLDERS.jwt);
  out = out.replace(BEARER, (_match, scheme: string) => `${scheme} ${PLACEHOLDERS.token}`);
  out = out.replace(API_KEY, PLACEHOLDERS.apiKey);
  if (out.includes('=')) {
    out = out.replace(QUERY_PARAM, (match, sep: string, name: string) =>
      isSecretKey(safeDecode(name), options.sensitiveFields) ? `${sep}${name}=${FILTERED}` : match,
    );
  }
  out = out.replace(CARD_CANDIDATE, (match) => {
    const digits = match.replace(/[ -]/g, '');
    return digits.length >= 13 && passesLuhn(digits) ? PLACEHOLDERS.card : match;
  });
  if (options.emails && out.includes('@')) out = out.replace(EMAIL, PLACEHOLDERS.email);
  if (options.ips)
    out = out
      .replace(IPV4, PLACEHOLDERS.ip)
      .replace(IPV6, (match) => (match === '::' ? match : PLACEHOLDERS.ip));
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
