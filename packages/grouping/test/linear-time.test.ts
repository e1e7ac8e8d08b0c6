import { describe, expect, it } from 'vitest';
import { bait, cpuGrowth, LINEAR_SLACK } from '../../../test/support/linear-time.js';
import { normalizeFilename, normalizeFunction, normalizeMessage } from '../src/index.js';

const KB = 1024;

/**
 * The worst inputs for each placeholder pattern: long runs of the characters a pattern's
 * unanchored part accepts, never completed (no `://`, no `@domain`, hex that never reaches
 * a boundary, numbers glued to letters, quotes that never close).
 */
const BAITS = [
  { id: 'url scheme run', unit: 'a.' },
  { id: 'url scheme run with +-', unit: 'a-b+' },
  { id: 'email local part', unit: 'a.b_' },
  { id: 'emails without a domain', unit: 'a@a.' },
  { id: 'uuid prefixes', unit: '0123abcd-' },
  { id: 'timestamp prefixes', unit: '2026-12-02T' },
  { id: 'times', unit: '12:34:' },
  { id: 'hex prefixes', unit: '0x' },
  { id: 'bare hex', unit: 'a1' },
  { id: 'dotted numbers', unit: '1.' },
  { id: 'numbers glued to letters', unit: '11.1x ' },
  { id: 'single quotes', unit: " 'x" },
  { id: 'backticks', unit: '`x ' },
  { id: 'whitespace', unit: ' \t' },
];

describe('message normalization does work linear in the message', () => {
  it.each(BAITS)('$id over 1 KB and 16 KB', ({ unit }) => {
    const growth = cpuGrowth(normalizeMessage, bait(unit, KB), bait(unit, 16 * KB));
    expect(growth).toBeLessThan(16 * LINEAR_SLACK);
  });

  it('the check catches the quadratic email pattern this replaced', () => {
    const before = /[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;
    const growth = cpuGrowth((text) => text.replace(before, '<email>'), bait('a.', KB), bait('a.', 16 * KB));
    expect(growth).toBeGreaterThan(16 * LINEAR_SLACK);
  }, 60_000);
});

describe('frame normalization does work linear in the frame', () => {
  it.each([
    { id: 'path segments', unit: 'a1b2c3d4/' },
    { id: 'versions after @', unit: '@1.' },
    { id: 'hash-like pieces', unit: 'Ab1-' },
    { id: 'scheme run', unit: 'a.' },
  ])('$id in file names and functions over 1 KB and 16 KB', ({ unit }) => {
    const work = (text: string) => [normalizeFilename(text), normalizeFunction(text)];
    const growth = cpuGrowth(work, bait(unit, KB), bait(unit, 16 * KB));
    expect(growth).toBeLessThan(16 * LINEAR_SLACK);
  });
});
