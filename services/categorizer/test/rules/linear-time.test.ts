import { CRITICAL_PATTERNS, SECURITY_PATTERNS } from '@faultline/config';
import { errorEvent, exceptionEvent } from '@faultline/grouping/testing';
import { describe, expect, it } from 'vitest';
import { bait, cpuGrowth, LINEAR_SLACK } from '../../../../test/support/linear-time.js';
import { decide, runbookRuleSet } from '../../src/rules/rule-set.js';

const KB = 1024;
const rules = runbookRuleSet();

/** `a.*b.*c` is slowest on text full of `ab` with no `c`: every prefix, never the end. */
const worstInput = (pattern: string) =>
  pattern.includes('.*') ? pattern.split('.*').slice(0, -1).join('') : `${pattern.slice(0, -1)} `;

describe('the runbook rules do work linear in the event text', () => {
  it.each([...CRITICAL_PATTERNS, ...SECURITY_PATTERNS, 'timeout'].map((pattern) => ({ pattern })))(
    '$pattern over 1 KB and 16 KB of its worst input, in the message and the stack',
    ({ pattern }) => {
      const unit = worstInput(pattern);
      const event = (text: string) =>
        exceptionEvent([{ type: 'Error', value: text }], { message: text, component: text });
      const small = event(bait(unit, KB));
      const large = event(bait(unit, 16 * KB));
      const growth = cpuGrowth((size) => decide(size === 'small' ? small : large, rules), 'small', 'large');
      expect(growth).toBeLessThan(16 * LINEAR_SLACK);
      expect(decide(large, rules).ruleId).toBe('default');
    },
  );

  it('still decides on text past the patterns’ 16 KiB window by what is inside it', () => {
    const event = errorEvent({ message: `${'x'.repeat(20 * KB)} database connection failed` });
    expect(decide(event, rules).ruleId).toBe('default');
    expect(decide(errorEvent({ message: 'database connection failed' }), rules).ruleId).toBe(
      'runbook-critical',
    );
  });
});
