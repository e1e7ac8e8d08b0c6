import { describe, expect, it } from 'vitest';
import { bait, cpuGrowth, LINEAR_SLACK } from '../../../test/support/linear-time.js';
import { scrubText } from '../src/index.js';

const KB = 1024;
const all = { emails: true, ips: true, sensitiveFields: [], safeFields: [] };

/** Runs each scrub pattern's unanchored part accepts, never completed (1 KB against 16 KB). */
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
    { id: 'jwt headers without a payload', unit: 'eyJa' },
    { id: 'jwt segments', unit: 'eyJa.' },
    { id: 'jwt-like runs', unit: 'eyJ' },
    { id: 'bearer schemes', unit: 'Bearer ' },
    { id: 'bearer credentials never long enough', unit: 'bearer a1 ' },
    { id: 'bearer then spaces', unit: 'bearer    \t' },
    { id: 'api key prefixes', unit: 'sk_live_' },
    { id: 'api key runs never bounded', unit: 'ghp_a' },
    { id: 'slack prefixes', unit: 'xoxb-' },
    { id: 'faultline token prefixes', unit: 'flt_a_' },
    { id: 'aws key ids', unit: 'AKIA' },
  ])('$id over 1 KB and 16 KB', ({ unit }) => {
    const growth = cpuGrowth((text) => scrubText(text, all), bait(unit, KB), bait(unit, 16 * KB));
    expect(growth).toBeLessThan(16 * LINEAR_SLACK);
  });
});

describe('the linear-time check', () => {
  it('catches the JWT pattern without its run-start look-behind', () => {
    const unanchored = /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
    const growth = cpuGrowth(
      (text) => text.replace(unanchored, '[jwt]'),
      bait('eyJa', KB),
      bait('eyJa', 16 * KB),
    );
    expect(growth).toBeGreaterThan(16 * LINEAR_SLACK);
  }, 60_000);
});
