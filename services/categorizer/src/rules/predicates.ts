import type { ErrorEvent } from '@faultline/contracts';
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

/** Turns a validated condition into a test; throws on a pattern that is not a regular expression. */
export function conditionPredicate(condition: Condition): Predicate {
  if ('tag' in condition) {
    const pattern = toRegExp(condition.pattern);
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
    const pattern = toRegExp(condition.stack);
    return (subject) => pattern.test(subject.stack());
  }
  const [field, source] = Object.entries(condition)[0] as ['message' | 'component' | 'source', string];
  const pattern = toRegExp(source);
  return ({ event }) => {
    const value = event[field];
    return value !== undefined && pattern.test(value);
  };
}

function toRegExp(source: string): RegExp {
  try {
    return new RegExp(source, 'i');
  } catch (error) {
    throw new Error(
      `invalid regular expression ${JSON.stringify(source)}: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`,
    );
  }
}
