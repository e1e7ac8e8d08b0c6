import { describe, expect, it } from 'vitest';
import { bait, cpuGrowth, LINEAR_SLACK } from '../../../../test/support/linear-time.js';
import { scrubText } from '../../src/intake/scrub.js';

const KB = 1024;
const all = { emails: true, ips: true, keys: [] };

/** Runs each scrub pattern's unanchored part accepts, never completed. */
describe('scrubbing does work linear in the text', () => {
  it.each([
    { id: 'card-like digits', unit: '4 1-' },
    { id: 'email local parts', unit: 'a.' },
    { id: 'emails without a top-level domain', unit: 'a@b.' },
    { id: 'dotted quads', unit: '1.2.' },
    { id: 'ipv6 groups', unit: 'ab:' },
    { id: 'double colons', unit: 'a::' },
    { id: 'query parameters', unit: '?a=' },
    { id: 'parameter names', unit: '&a' },
  ])('$id over 1 KB and 16 KB', ({ unit }) => {
    const growth = cpuGrowth((text) => scrubText(text, all), bait(unit, KB), bait(unit, 16 * KB));
    expect(growth).toBeLessThan(16 * LINEAR_SLACK);
  });
});
