/**
 * Tests for the pieces of a path or module name that a build or deploy changes while the
 * code stays the same: content hashes, chunk ids, versions, release folders.
 */

const DIGITS = /^\d+$/;
const VERSION = /^v?\d+(?:\.\d+){1,3}(?:[-+][0-9a-z.]+)?$/i;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const DATE = /^\d{4}-?\d{2}-?\d{2}(?:[T_-]?\d{2}-?\d{2}(?:-?\d{2})?)?Z?$/i;
// Content hashes: webpack and Next.js use hex, so a digit tells them from words like "facade".
const HEX_HASH = /^(?=[0-9a-f]*\d)[0-9a-f]{6,}$/i;
// Rollup/Vite use 8 base64url characters and esbuild 8 base32 ones, e.g. "DiwrgTda", "5JNGQ2FE".
const SHORT_BASE64_HASH = /^(?=.*[a-z])(?=.+[A-Z0-9])[A-Za-z0-9_-]{8}$|^(?=.*\d)[A-Z0-9]{8}$/;
// Build ids as folder names, e.g. Next.js "Xk9_abcD3fgh1jk2LmNoP".
const LONG_BASE64_ID = /^(?=.*\d)(?=.*[a-z])(?=.*[A-Z])[A-Za-z0-9_-]{16,}$/;

/** A whole path segment (a folder) that only names a release, build or deploy. */
export function isVolatileSegment(segment: string): boolean {
  return (
    DIGITS.test(segment) ||
    VERSION.test(segment) ||
    UUID.test(segment) ||
    DATE.test(segment) ||
    HEX_HASH.test(segment) ||
    LONG_BASE64_ID.test(segment)
  );
}

/** A dot- or dash-separated piece of a file name: `main.3f9a1c2b.chunk.js`, `index-DiwrgTda.js`, `787.js`. */
export function isVolatileNamePart(part: string): boolean {
  return DIGITS.test(part) || UUID.test(part) || HEX_HASH.test(part) || SHORT_BASE64_HASH.test(part);
}
