import { type CategorizedEvent, type ErrorEvent, SCHEMA_VERSION } from '@faultline/contracts';
import { fingerprintOf } from '@faultline/grouping';
import { decide, type RuleSet } from './rules/rule-set.js';

/** Groups and categorizes one event. Pure: the clock is an argument. */
export function categorize(event: ErrorEvent, ruleSet: RuleSet, now: Date): CategorizedEvent {
  const { groupId, method, parts } = fingerprintOf(event);
  return {
    schemaVersion: SCHEMA_VERSION,
    event,
    groupId,
    fingerprint: { method, parts },
    ...decide(event, ruleSet),
    categorizedAt: now.toISOString(),
  };
}
