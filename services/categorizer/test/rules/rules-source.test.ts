import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorEvent } from '@faultline/grouping/testing';
import { createLogger } from '@faultline/observability';
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/rules/rule-set.js';
import { RulesError } from '../../src/rules/rules-error.js';
import { createRulesSource } from '../../src/rules/rules-source.js';

const logger = createLogger({ service: 'test', level: 'silent' });

function rulesYaml(id: string, component: string): string {
  return `rules:\n  - id: ${id}\n    when: [{ component: ${component} }]\n    set: { severity: high, category: c, escalation: e }\n`;
}

describe('createRulesSource', () => {
  const event = errorEvent({ component: 'checkout' });

  it('without a file: the runbook defaults', () => {
    expect(
      decide(errorEvent({ message: 'upstream timeout' }), createRulesSource({ logger }).current()).ruleId,
    ).toBe('runbook-performance');
  });

  it('a bad file at start-up is an error', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fl-rules-')), 'rules.yaml');
    writeFileSync(file, 'rules: [{ id: x }]');
    expect(() => createRulesSource({ file, logger })).toThrow(RulesError);
  });

  it('picks up a changed file, and keeps the last good rules when a change is bad', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fl-rules-'));
    const file = join(dir, 'rules.yaml');
    writeFileSync(file, rulesYaml('first', 'checkout'));
    const outcomes: string[] = [];
    const source = createRulesSource({ file, logger, onReload: (outcome) => outcomes.push(outcome) });
    expect(decide(event, source.current()).ruleId).toBe('first');

    // Replaced by rename, as editors and Kubernetes ConfigMaps do.
    writeFileSync(join(dir, 'next.yaml'), rulesYaml('second', 'checkout'));
    renameSync(join(dir, 'next.yaml'), file);
    expect(decide(event, source.current()).ruleId).toBe('second');

    writeFileSync(file, 'rules: [{ id: broken');
    expect(decide(event, source.current()).ruleId).toBe('second');
    expect(outcomes).toEqual(['applied', 'rejected']);
  });
});
