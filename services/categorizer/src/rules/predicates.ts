import type { ErrorEvent } from '@faultline/contracts';
import { LinearPattern } from '@faultline/patterns';
import type { Comparison, Condition } from './rule-schema.js';

/** What rules look at: the event, and its exception chain as text, built only if a rule asks. */
export interface RuleSubject {
  event: ErrorEvent;
  stack(): string;
}

export type Predicate = (subject: RuleSubject) => boolean;

const COMPARE: Record<Comparison, (value: number, limit: number) => boolean> = {
  gt: (v, l) => v > l,
  gte: (v, l) => v >= l,
  lt: (v, l) => v < l,
  lte: (v, l) => v <= l,
  eq: (v, l) => v === l,
};

/**
 * Turns a validated condition into a test; throws on a pattern the linear-time engine cannot run.
 * Patterns look at the first 16 KiB of their field (LinearPattern's cap).
 */
export function conditionPredicate(condition: Condition): Predicate {
  if ('tag' in condition) {
    const pattern = linearPattern(condition.pattern);
    return ({ event }) => {
      const value = event.tags?.[condition.tag];
      return value !== undefined && pattern.test(value);
    };
  }
  if ('metric' in condition) {
    const comparisons = (Object.keys(COMPARE) as Comparison[])
      .filter((op) => condition[op] !== undefined)
      .map((op) => [COMPARE[op], condition[op] as number] as const);
    return ({ event }) => {
      const value = event[condition.metric];
      return value !== undefined && comparisons.every(([compare, limit]) => compare(value, limit));
    };
  }
  if ('stack' in condition) {
    const pattern = linearPattern(condition.stack);
    return (subject) => pattern.test(subject.stack());
  }
  const [field, source] = Object.entries(condition)[0] as ['message' | 'component' | 'source', string];
  const pattern = linearPattern(source);
  return ({ event }) => {
    const value = event[field];
    return value !== undefined && pattern.test(value);
  };
}

function linearPattern(source: string): LinearPattern {
  return new LinearPattern(source);
}
