import { readFileSync } from 'node:fs';
import { errorEvent } from '@faultline/grouping/testing';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { decide, ruleSetFrom } from '../src/rules/rule-set.js';

// The README's rules example is what users copy: it must stay a valid rules file.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const example = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

describe('README rules example', () => {
  const rules = ruleSetFrom(parse(example), 'README.md');

  it.each([
    {
      id: 'EU payment',
      event: errorEvent({ component: 'payments', tags: { region: 'eu-west-1' } }),
      want: 'payments-eu',
    },
    { id: 'slow response', event: errorEvent({ responseTimeMs: 3500 }), want: 'slow-api' },
    { id: 'timed out', event: errorEvent({ message: 'request timed out' }), want: 'slow-api' },
    {
      id: 'anything else',
      event: errorEvent({ component: 'payments', tags: { region: 'us' } }),
      want: 'everything-else',
    },
  ])('$id', ({ event, want }) => {
    expect(decide(event, rules).ruleId).toBe(want);
  });
});
