import { describe, expect, it } from 'vitest';
import { bait, cpuGrowth, LINEAR_SLACK } from '../../../test/support/linear-time.js';
import { LinearPattern, PatternSyntaxError } from '../src/index.js';

const KB = 1024;

describe('LinearPattern', () => {
  it.each([
    {
      id: 'case-insensitive by default',
      source: 'memory.*out.*of.*bounds',
      text: 'Memory OUT of Bounds',
      want: true,
    },
    { id: 'anywhere in the text', source: 'timeout', text: 'GET /x: Timeout after 5s', want: true },
    { id: 'anchors', source: '^security$', text: 'security-team', want: false },
    { id: 'classes and counts', source: '[0-9]{3}-[a-z]+', text: 'code 404-missing', want: true },
  ])('$id', ({ source, text, want }) => {
    expect(new LinearPattern(source).test(text)).toBe(want);
  });

  it('can be case-sensitive', () => {
    expect(new LinearPattern('Timeout', { ignoreCase: false }).test('timeout')).toBe(false);
  });

  it('looks at the first maxInput characters only', () => {
    const pattern = new LinearPattern('needle', { maxInput: 10 });
    expect(pattern.test(`${'x'.repeat(4)}needle`)).toBe(true);
    expect(pattern.test(`${'x'.repeat(10)}needle`)).toBe(false);
  });

  it.each([
    { id: 'back-reference', source: '(a+)\\1', reason: 'invalid escape sequence' },
    { id: 'look-ahead', source: 'a(?=b)', reason: 'invalid or unsupported Perl syntax' },
    { id: 'syntax error', source: 'a(b', reason: 'missing closing )' },
  ])('refuses what it cannot run in linear time: $id', ({ source, reason }) => {
    expect(() => new LinearPattern(source)).toThrow(PatternSyntaxError);
    expect(() => new LinearPattern(source)).toThrow(reason);
  });

  it('does work linear in the text on a rule’s worst input (1 KB against 16 KB)', () => {
    const rule = new LinearPattern('memory.*out.*of.*bounds', { maxInput: 64 * KB });
    const growth = cpuGrowth(
      (text) => rule.test(text),
      bait('memoryoutof', KB),
      bait('memoryoutof', 16 * KB),
    );
    expect(growth).toBeLessThan(16 * LINEAR_SLACK);
  });

  it('the same check catches a backtracking engine (V8 RegExp, the rule before this change)', () => {
    // V8 would take hours on 16 KB of this input, so the control compares 64 bytes with 256.
    const rule = /memory.*out.*of.*bounds/i;
    const growth = cpuGrowth(
      (text) => rule.test(text),
      bait('memoryoutof', KB / 16),
      bait('memoryoutof', KB / 4),
    );
    expect(growth).toBeGreaterThan(4 * LINEAR_SLACK);
  }, 30_000);
});
