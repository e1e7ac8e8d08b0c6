import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorEvent } from '@faultline/grouping/testing';
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/rules/rule-set.js';
import { RulesError } from '../../src/rules/rules-error.js';
import { loadRulesFile } from '../../src/rules/rules-file.js';

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'fl-rules-')), name);
  writeFileSync(path, text);
  return path;
}

const YAML = `
rules:
  - id: slow-checkout
    match: all
    when:
      - component: checkout
      - metric: responseTimeMs
        gt: 2000
    set: { severity: high, category: performance, escalation: checkout-oncall, team: checkout-team }
`;

describe('loadRulesFile', () => {
  it.each([
    { id: 'YAML', name: 'rules.yaml', text: YAML },
    {
      id: 'JSON',
      name: 'rules.json',
      text: JSON.stringify({
        rules: [
          {
            id: 'slow-checkout',
            when: [{ component: 'checkout' }, { metric: 'responseTimeMs', gt: 2000 }],
            set: {
              severity: 'high',
              category: 'performance',
              escalation: 'checkout-oncall',
              team: 'checkout-team',
            },
          },
        ],
      }),
    },
  ])('reads $id', ({ name, text }) => {
    const rules = loadRulesFile(tempFile(name, text));
    expect(decide(errorEvent({ component: 'checkout', responseTimeMs: 2500 }), rules)).toMatchObject({
      ruleId: 'slow-checkout',
      team: 'checkout-team',
      priority: 'P1',
    });
    expect(decide(errorEvent({ component: 'checkout', responseTimeMs: 100 }), rules).ruleId).toBe('default');
  });

  it.each([
    { id: 'missing file', path: () => '/nonexistent/rules.yaml', want: 'ENOENT' },
    {
      id: 'malformed YAML',
      path: () => tempFile('bad.yaml', 'rules: [\n  - id: x\n'),
      want: 'invalid rules in',
    },
    {
      id: 'bad rule names file and rule',
      path: () => tempFile('r.yaml', 'rules:\n  - id: x\n    when: []\n    set: {}\n'),
      want: 'rules[0] (x) set',
    },
  ])('$id is a RulesError', ({ path, want }) => {
    const file = path();
    expect(() => loadRulesFile(file)).toThrow(RulesError);
    expect(() => loadRulesFile(file)).toThrow(want);
  });
});
