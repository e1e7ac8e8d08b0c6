import { categorizedEventCodec } from '@faultline/contracts';
import { exceptionEvent } from '@faultline/grouping/testing';
import { describe, expect, it } from 'vitest';
import { categorize } from '../src/categorize.js';
import { runbookRuleSet } from '../src/rules/rule-set.js';

describe('categorize', () => {
  const now = new Date('2026-11-29T06:00:00.000Z');
  const event = exceptionEvent(
    [
      {
        type: 'PaymentError',
        value: 'Payment processing failed',
        frames: [{ filename: 'src/checkout.ts', function: 'charge', lineno: 88 }],
      },
    ],
    { component: 'payment' },
  );

  it('produces a valid CategorizedEvent with the group, its parts and the decision', () => {
    const categorized = categorize(event, runbookRuleSet(), now);
    expect(categorizedEventCodec.check(categorized)).toEqual({ ok: true, value: categorized });
    expect(categorized).toMatchObject({
      event,
      fingerprint: { method: 'exception', parts: ['exception:PaymentError', 'frame:src/checkout.ts:charge'] },
      severity: 'critical',
      team: 'payment-team',
      ruleId: 'runbook-critical',
      categorizedAt: '2026-11-29T06:00:00.000Z',
    });
    expect(categorized.groupId).toMatch(/^[0-9a-f]{32}$/);
  });
});
