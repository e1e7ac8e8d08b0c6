import type { ErrorEvent } from '@faultline/contracts';
import { errorEvent, exceptionEvent } from '@faultline/grouping/testing';
import { describe, expect, it } from 'vitest';
import { decide, runbookRuleSet } from '../../src/rules/rule-set.js';

const rules = runbookRuleSet();

const CRITICAL = {
  severity: 'critical',
  category: 'system',
  priority: 'P0',
  escalation: 'immediate',
  ruleId: 'runbook-critical',
};
const SECURITY = {
  severity: 'high',
  category: 'security',
  priority: 'P1',
  escalation: 'security-team',
  ruleId: 'runbook-security',
};
const PERFORMANCE = {
  severity: 'medium',
  category: 'performance',
  priority: 'P2',
  escalation: 'performance-team',
  ruleId: 'runbook-performance',
};
const DEFAULT = {
  severity: 'low',
  category: 'general',
  priority: 'P3',
  escalation: 'development-team',
  ruleId: 'default',
};

/** An event whose stack, not its message, carries the text. */
function inStack(text: string): ErrorEvent {
  return exceptionEvent(
    [{ type: 'Error', value: text, frames: [{ filename: 'src/db.ts', function: 'connect' }] }],
    {
      message: 'request failed',
    },
  );
}

describe('runbook rules', () => {
  it.each([
    {
      id: 'critical: database connection failed (message)',
      event: errorEvent({ message: 'Database connection failed after 3 retries' }),
      want: CRITICAL,
    },
    {
      id: 'critical: payment processing failed (message)',
      event: errorEvent({ message: 'Payment processing failed: card declined' }),
      want: CRITICAL,
    },
    {
      id: 'critical: authentication service down (message)',
      event: errorEvent({ message: 'Authentication service is down' }),
      want: CRITICAL,
    },
    {
      id: 'critical: file system error (message)',
      event: errorEvent({ message: 'file system error: EROFS' }),
      want: CRITICAL,
    },
    {
      id: 'critical: memory out of bounds (message)',
      event: errorEvent({ message: 'WASM memory access out of bounds' }),
      want: CRITICAL,
    },
    {
      id: 'critical: case-insensitive',
      event: errorEvent({ message: 'DATABASE CONNECTION FAILED' }),
      want: CRITICAL,
    },
    {
      id: 'critical: database connection failed (stack only)',
      event: inStack('database connection failed: ECONNREFUSED'),
      want: CRITICAL,
    },
    {
      id: 'critical: payment processing failed (stack only)',
      event: inStack('payment processing failed'),
      want: CRITICAL,
    },
    {
      id: 'critical: authentication service down (stack only)',
      event: inStack('authentication service down'),
      want: CRITICAL,
    },
    { id: 'critical: file system error (stack only)', event: inStack('file system error'), want: CRITICAL },
    {
      id: 'critical: memory out of bounds (stack only)',
      event: inStack('memory index out of bounds'),
      want: CRITICAL,
    },
    {
      id: 'critical wins over security',
      event: errorEvent({ message: 'Payment processing failed', component: 'security' }),
      want: CRITICAL,
    },
    {
      id: 'security: unauthorized access',
      event: errorEvent({ message: 'Unauthorized access to /admin' }),
      want: SECURITY,
    },
    {
      id: 'security: csrf token invalid',
      event: errorEvent({ message: 'CSRF token is invalid' }),
      want: SECURITY,
    },
    {
      id: 'security: rate limit exceeded',
      event: errorEvent({ message: 'Rate limit exceeded for 10.0.0.1' }),
      want: SECURITY,
    },
    {
      id: 'security: webhook signature invalid',
      event: errorEvent({ message: 'Webhook signature invalid' }),
      want: SECURITY,
    },
    {
      id: 'security: sql injection attempt',
      event: errorEvent({ message: 'Possible SQL injection attempt blocked' }),
      want: SECURITY,
    },
    {
      id: 'security: component security',
      event: errorEvent({ message: 'Session mismatch', component: 'security' }),
      want: SECURITY,
    },
    {
      id: 'security: component match is whole-word',
      event: errorEvent({ message: 'Session mismatch', component: 'security-ui' }),
      want: DEFAULT,
    },
    {
      id: 'security: patterns look at the message only',
      event: inStack('unauthorized access'),
      want: DEFAULT,
    },
    {
      id: 'security wins over performance',
      event: errorEvent({ message: 'Rate limit exceeded', responseTimeMs: 9000 }),
      want: SECURITY,
    },
    {
      id: 'performance: responseTime > 5000',
      event: errorEvent({ responseTimeMs: 5001 }),
      want: PERFORMANCE,
    },
    {
      id: 'performance: responseTime = 5000 is not',
      event: errorEvent({ responseTimeMs: 5000 }),
      want: DEFAULT,
    },
    { id: 'performance: memory > 1e9', event: errorEvent({ memoryBytes: 1_000_000_001 }), want: PERFORMANCE },
    { id: 'performance: memory = 1e9 is not', event: errorEvent({ memoryBytes: 1e9 }), want: DEFAULT },
    {
      id: "performance: 'timeout' in the message",
      event: errorEvent({ message: 'upstream timeout' }),
      want: PERFORMANCE,
    },
    {
      id: "performance: 'Timeout' (case-insensitive)",
      event: errorEvent({ message: 'Timeout of 3000ms exceeded' }),
      want: PERFORMANCE,
    },
    { id: 'default', event: errorEvent({ message: 'Cannot read properties of undefined' }), want: DEFAULT },
  ])('$id', ({ event, want }) => {
    const { team: _team, ...decision } = decide(event, rules);
    expect(decision).toEqual(want);
  });
});
