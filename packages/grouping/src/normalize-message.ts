/**
 * Replaces the parts of an error message that change from one occurrence to the next
 * (ids, numbers, addresses, times) with placeholders, so one bug yields one message.
 * Order matters: wider shapes (urls, emails, uuids, timestamps) go before the numbers
 * and hex they contain.
 */
const REPLACEMENTS: ReadonlyArray<readonly [RegExp, string]> = [
  // Each pattern runs in time linear in the message (test/linear-time.test.ts). The url and
  // email ones start only where their run of characters starts: from every position inside a
  // run (`a.a.a.a...`, no `://` or `@` after it) they took time quadratic in its length.
  [/(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s'"`<>()[\]{}]+/gi, '<url>'],
  [/(?<![\w.+-])[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi, '<email>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [
    /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b|\b\d{2}:\d{2}:\d{2}(?:\.\d+)?\b/gi,
    '<timestamp>',
  ],
  // A quote opens after a non-word character, so the apostrophe in "can't" opens nothing.
  [/(?<!\w)'[^'\n]*'(?!\w)|(?<!\w)"[^"\n]*"(?!\w)|`[^`\n]*`/g, '<quoted>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  // Bare hex (object ids, hashes) needs a digit and a letter, so words and numbers are left alone.
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, '<hex>'],
  // Digits glued to letters (E11000, utf8, ERR_HTTP2) are codes, not values; units stay.
  [/(?<!\w)-?\d+(?:\.\d+)*(ms|s|px|b|kb|mb|gb)?(?!\w)/gi, '<num>$1'],
];

export function normalizeMessage(message: string): string {
  let normalized = message;
  for (const [pattern, placeholder] of REPLACEMENTS) normalized = normalized.replace(pattern, placeholder);
  return normalized.replace(/\s+/g, ' ').trim();
}
