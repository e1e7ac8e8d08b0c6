import { CRITICAL_PATTERNS, PERFORMANCE_LIMITS, SECURITY_PATTERNS } from '@faultline/config';
import type { Outcome, RulesDocument } from './rule-schema.js';

/** Used when no rule matches (runbook: "Default categorization"); recorded as rule `default`. */
export const DEFAULT_OUTCOME: Outcome = {
  severity: 'low',
  category: 'general',
  priority: 'P3',
  escalation: 'development-team',
};
export const DEFAULT_RULE_ID = 'default';

/**
 * The runbook's categorization as a rules document, built from the config seed data, so
 * the defaults go through the same validation and matching as a user's file.
 */
export function runbookRules(): RulesDocument {
  return {
    rules: [
      {
        id: 'runbook-critical',
        description: 'Critical patterns in the message or the stack',
        match: 'any',
        when: CRITICAL_PATTERNS.flatMap((pattern) => [{ message: pattern }, { stack: pattern }]),
        set: { severity: 'critical', category: 'system', priority: 'P0', escalation: 'immediate' },
      },
      {
        id: 'runbook-security',
        description: 'Security patterns in the message, or the security component',
        match: 'any',
        when: [...SECURITY_PATTERNS.map((pattern) => ({ message: pattern })), { component: '^security$' }],
        set: { severity: 'high', category: 'security', priority: 'P1', escalation: 'security-team' },
      },
      {
        id: 'runbook-performance',
        description: 'Slow responses, high memory, or a timeout',
        match: 'any',
        when: [
          { metric: 'responseTimeMs', gt: PERFORMANCE_LIMITS.responseTimeMs },
          { metric: 'memoryBytes', gt: PERFORMANCE_LIMITS.memoryBytes },
          { message: escapeRegExp(PERFORMANCE_LIMITS.messageContains) },
        ],
        set: { severity: 'medium', category: 'performance', priority: 'P2', escalation: 'performance-team' },
      },
    ],
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
