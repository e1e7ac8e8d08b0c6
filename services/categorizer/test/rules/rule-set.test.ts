import { errorEvent, exceptionEvent } from '@faultline/grouping/testing';
import { describe, expect, it } from 'vitest';
import { decide, ruleSetFrom } from '../../src/rules/rule-set.js';
import { RulesError } from '../../src/rules/rules-error.js';

const SET = { severity: 'high', category: 'billing', escalation: 'billing-oncall' } as const;

function ruleIdFor(when: unknown[], event: ReturnType<typeof errorEvent>, match?: 'any' | 'all'): string {
  const rules = ruleSetFrom({ rules: [{ id: 'r', ...(match ? { match } : {}), when, set: SET }] }, 'test');
  return decide(event, rules).ruleId;
}

function problemsOf(document: unknown): string[] {
  try {
    ruleSetFrom(document, 'rules.yaml');
  } catch (error) {
    if (error instanceof RulesError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a RulesError');
}

describe('conditions', () => {
  const checkout = errorEvent({
    message: 'Stripe charge failed',
    component: 'checkout',
    source: 'express',
    tags: { region: 'eu-west-1', plan: 'pro' },
    responseTimeMs: 1200,
    memoryBytes: 5e8,
  });

  it.each([
    { id: 'message regex', when: [{ message: 'stripe.*failed' }], hits: true },
    { id: 'message regex miss', when: [{ message: '^charge' }], hits: false },
    { id: 'component', when: [{ component: '^checkout$' }], hits: true },
    { id: 'source', when: [{ source: 'express|fastify' }], hits: true },
    { id: 'tag', when: [{ tag: 'region', pattern: '^eu-' }], hits: true },
    { id: 'tag absent', when: [{ tag: 'tenant', pattern: '.*' }], hits: false },
    { id: 'metric gt', when: [{ metric: 'responseTimeMs', gt: 1000 }], hits: true },
    { id: 'metric gt at the limit', when: [{ metric: 'responseTimeMs', gt: 1200 }], hits: false },
    { id: 'metric gte at the limit', when: [{ metric: 'responseTimeMs', gte: 1200 }], hits: true },
    { id: 'metric lt', when: [{ metric: 'memoryBytes', lt: 6e8 }], hits: true },
    { id: 'metric lte', when: [{ metric: 'memoryBytes', lte: 4e8 }], hits: false },
    { id: 'metric eq', when: [{ metric: 'responseTimeMs', eq: 1200 }], hits: true },
    { id: 'metric range', when: [{ metric: 'responseTimeMs', gte: 1000, lt: 2000 }], hits: true },
    { id: 'metric range miss', when: [{ metric: 'responseTimeMs', gte: 1500, lt: 2000 }], hits: false },
    {
      id: 'all: every condition holds',
      when: [{ message: 'stripe' }, { component: 'checkout' }],
      hits: true,
    },
    { id: 'all: one fails', when: [{ message: 'stripe' }, { component: 'search' }], hits: false },
    { id: 'no conditions: catch-all', when: [], hits: true },
  ])('$id', ({ when, hits }) => {
    expect(ruleIdFor(when, checkout)).toBe(hits ? 'r' : 'default');
  });

  it.each([
    { id: 'any: one holds', when: [{ message: 'nope' }, { tag: 'plan', pattern: 'pro' }], hits: true },
    { id: 'any: none holds', when: [{ message: 'nope' }, { tag: 'plan', pattern: 'free' }], hits: false },
  ])('$id', ({ when, hits }) => {
    expect(ruleIdFor(when, checkout, 'any')).toBe(hits ? 'r' : 'default');
  });

  it('a metric the event lacks does not match', () => {
    expect(ruleIdFor([{ metric: 'memoryBytes', lt: 1 }], errorEvent())).toBe('default');
  });

  it('stack matches the exception chain as text', () => {
    const event = exceptionEvent([
      {
        type: 'KafkaJSConnectionError',
        value: 'broker down',
        frames: [{ filename: 'src/queue.ts', function: 'publish', lineno: 9 }],
      },
    ]);
    expect(ruleIdFor([{ stack: 'at publish \\(src/queue\\.ts:9\\)' }], event)).toBe('r');
    expect(ruleIdFor([{ stack: 'KafkaJSConnectionError: broker down' }], event)).toBe('r');
  });
});

describe('decisions', () => {
  const rules = ruleSetFrom(
    {
      rules: [
        {
          id: 'checkout-eu',
          when: [{ component: 'checkout' }, { tag: 'region', pattern: '^eu' }],
          set: { ...SET, team: 'eu-payments' },
        },
        { id: 'checkout', when: [{ component: 'checkout' }], set: { ...SET, priority: 'P0' } },
        { id: 'api', when: [{ component: 'api' }], set: SET },
      ],
    },
    'test',
  );

  it('first match wins', () => {
    const decision = decide(errorEvent({ component: 'checkout', tags: { region: 'eu-central-1' } }), rules);
    expect(decision.ruleId).toBe('checkout-eu');
  });

  it('a rule sets the team, overriding the component table', () => {
    expect(decide(errorEvent({ component: 'checkout', tags: { region: 'eu' } }), rules).team).toBe(
      'eu-payments',
    );
  });

  it('without a team the component table decides', () => {
    expect(decide(errorEvent({ component: 'api' }), rules).team).toBe('backend-team');
  });

  it('priority defaults to the severity policy and can be set', () => {
    expect(decide(errorEvent({ component: 'api' }), rules).priority).toBe('P1');
    expect(decide(errorEvent({ component: 'checkout' }), rules).priority).toBe('P0');
  });

  it('nothing matches: runbook default, rule `default`', () => {
    expect(decide(errorEvent({ component: 'database' }), rules)).toEqual({
      severity: 'low',
      category: 'general',
      priority: 'P3',
      escalation: 'development-team',
      team: 'infrastructure-team',
      ruleId: 'default',
    });
  });
});

describe('validation', () => {
  const ok = { id: 'ok', when: [], set: SET };

  it.each([
    { id: 'not a mapping with rules', document: ['x'], want: ': must be object' },
    {
      id: 'unknown top-level key',
      document: { rules: [], rule: [] },
      want: 'must not have additional properties: rule',
    },
    {
      id: 'rule without id',
      document: { rules: [{ when: [], set: SET }] },
      want: 'rules[0]: must have required properties id',
    },
    {
      id: 'bad severity, named by index and id',
      document: { rules: [ok, { id: 'slow', when: [], set: { ...SET, severity: 'urgent' } }] },
      want: 'rules[1] (slow) set.severity: must be equal to one of the allowed values: critical, high, medium, low',
    },
    {
      id: 'unknown field in a rule',
      document: { rules: [{ ...ok, wen: [] }] },
      want: 'rules[0] (ok): must not have additional properties: wen',
    },
    {
      id: 'bad match',
      document: { rules: [{ ...ok, match: 'some' }] },
      want: 'rules[0] (ok) match: must be equal to one of the allowed values: all, any',
    },
    {
      id: 'unknown condition',
      document: { rules: [{ ...ok, when: [{ level: 'error' }] }] },
      want: 'rules[0] (ok) when[0]: expected an object with one of message, stack, component, source, tag, metric',
    },
    {
      id: 'unknown metric',
      document: { rules: [{ ...ok, when: [{ metric: 'cpu', gt: 1 }] }] },
      want: 'rules[0] (ok) when[0] metric: must be equal to one of the allowed values: responseTimeMs, memoryBytes',
    },
    {
      id: 'metric without comparison',
      document: { rules: [{ ...ok, when: [{ metric: 'memoryBytes' }] }] },
      want: 'rules[0] (ok) when[0]: a metric condition needs one of gt, gte, lt, lte, eq',
    },
    {
      id: 'comparison not a number',
      document: { rules: [{ ...ok, when: [{ metric: 'memoryBytes', gt: '1GB' }] }] },
      want: 'rules[0] (ok) when[0] gt: must be number',
    },
    {
      id: 'unknown comparison',
      document: { rules: [{ ...ok, when: [{ metric: 'memoryBytes', above: 1 }] }] },
      want: 'rules[0] (ok) when[0]: must not have additional properties: above',
    },
    {
      id: 'tag without pattern',
      document: { rules: [{ ...ok, when: [{ tag: 'region' }] }] },
      want: 'rules[0] (ok) when[0]: must have required properties pattern',
    },
    {
      id: 'bad regex',
      document: { rules: [{ ...ok, when: [{ message: 'a(b' }] }] },
      want: 'rules[0] (ok) when[0]: pattern "a(b" cannot run in linear time: missing closing ): `a(b`',
    },
    {
      id: 'back-reference (backtracking only)',
      document: { rules: [{ ...ok, id: 'echo', when: [{ message: '(a+)\\1' }] }] },
      want: 'rules[0] (echo) when[0]: pattern "(a+)\\\\1" cannot run in linear time: invalid escape sequence',
    },
    {
      id: 'look-ahead (backtracking only)',
      document: { rules: [{ ...ok, id: 'peek', when: [{ stack: 'a(?=b)' }] }] },
      want: 'rules[0] (peek) when[0]: pattern "a(?=b)" cannot run in linear time: invalid or unsupported Perl syntax',
    },
    {
      id: 'duplicate id',
      document: { rules: [ok, { ...ok }] },
      want: 'rules[1] (ok) id: already used by rules[0]',
    },
  ])('$id', ({ document, want }) => {
    expect(problemsOf(document).join('\n')).toContain(want);
  });

  it('reports every bad rule at once, and only those', () => {
    const problems = problemsOf({
      rules: [
        { ...ok, id: 'a', when: [{ message: '(' }] },
        { ...ok, id: 'b' },
        { ...ok, id: 'c', when: [{ metric: 'cpu', gt: 1 }], set: { ...SET, severity: 'urgent' } },
      ],
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'rules[0] (a) when[0]',
      'rules[2] (c) set.severity',
      'rules[2] (c) when[0] metric',
    ]);
  });
});
