import { describe, expect, it } from 'vitest';
import { FILTERED, PLACEHOLDERS, scrubText } from '../src/index.js';

/**
 * Found by the ingest fuzz run (test/fuzz): scrubbing is on every string of every event, before
 * the contract check, so a body-limit-sized string reaches these regexes. With the EMAIL and
 * QUERY_PARAM patterns as they were, each of these took from minutes to hours (quadratic
 * backtracking) and froze the process; now each takes well under a second. The assertions are
 * on the output; the test's own timeout is what catches a regression.
 */
const MiB = 1_048_576;
const all = { emails: true, ips: true, sensitiveFields: [], safeFields: [] };

describe('scrubText on a body-limit-sized string', () => {
  it.each([
    [
      'letters, then an email',
      `${'a'.repeat(MiB)} x@example.com`,
      `${'a'.repeat(MiB)} ${PLACEHOLDERS.email}`,
    ],
    ['letters and dots', 'a.'.repeat(MiB / 2), 'a.'.repeat(MiB / 2)],
    ['"=" then question marks', `=${'?'.repeat(MiB)}`, `=${'?'.repeat(MiB)}`],
    [
      'question marks, then a secret parameter',
      `${'?'.repeat(MiB)}token=abc`,
      `${'?'.repeat(MiB - 1)}?token=${FILTERED}`,
    ],
  ])('%s', (_name, input, expected) => {
    expect(scrubText(input, all) === expected).toBe(true);
  });

  it('still filters ordinary emails and query secrets', () => {
    expect(scrubText('mail jane.doe+x@mail.example.org; see /a?b=1&api_key=s3', all)).toBe(
      `mail ${PLACEHOLDERS.email}; see /a?b=1&api_key=${FILTERED}`,
    );
  });
});
