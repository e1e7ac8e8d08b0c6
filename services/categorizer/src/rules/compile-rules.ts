import { Compile } from 'typebox/compile';
import { conditionPredicate, type Predicate } from './predicates.js';
import {
  COMPARISONS,
  type Condition,
  MetricCondition,
  type Outcome,
  type Rule,
  RuleShape,
  RulesFileShape,
  TagCondition,
  TEXT_FIELDS,
  textCondition,
} from './rule-schema.js';
import { RulesError } from './rules-error.js';

export interface CompiledRule {
  id: string;
  match: 'all' | 'any';
  conditions: Predicate[];
  set: Outcome;
}

const checkFile = Compile(RulesFileShape);
const checkRule = Compile(RuleShape);
const checkTag = Compile(TagCondition);
const checkMetric = Compile(MetricCondition);
const checkText: Record<string, Validator> = Object.fromEntries(
  TEXT_FIELDS.map((f) => [f, Compile(textCondition(f))]),
);
const CONDITION_KINDS = [...TEXT_FIELDS, 'tag', 'metric'];

/**
 * Validates a parsed rules document and compiles its patterns, in order. Throws a
 * RulesError naming every bad rule by index and id, and the field at fault.
 */
export function compileRules(document: unknown, source: string): CompiledRule[] {
  const problems: string[] = [];
  if (!checkFile.Check(document)) throw new RulesError(source, errorsOf(checkFile, document, ''));

  const seen = new Map<string, number>();
  const compiled = (document as { rules: unknown[] }).rules.map((candidate, index) => {
    const id = (candidate as { id?: unknown } | null)?.id;
    const where = `rules[${index}]${typeof id === 'string' ? ` (${id})` : ''}`;
    if (!checkRule.Check(candidate)) {
      problems.push(...errorsOf(checkRule, candidate, where));
      // Its conditions are still checked, so one pass reports everything wrong with the file.
      const when = (candidate as { when?: unknown } | null)?.when;
      if (Array.isArray(when)) {
        for (const [i, condition] of when.entries())
          compileCondition(condition, `${where} when[${i}]`, problems);
      }
      return undefined;
    }
    const rule = candidate as Rule;
    const earlier = seen.get(rule.id);
    if (earlier !== undefined) problems.push(`${where} id: already used by rules[${earlier}]`);
    seen.set(rule.id, index);
    const conditions = rule.when.map((condition, i) =>
      compileCondition(condition, `${where} when[${i}]`, problems),
    );
    return { id: rule.id, match: rule.match ?? 'all', conditions, set: rule.set };
  });

  if (problems.length > 0) throw new RulesError(source, problems);
  return compiled as CompiledRule[];
}

function compileCondition(condition: unknown, where: string, problems: string[]): Predicate {
  const kind = CONDITION_KINDS.find(
    (k) => typeof condition === 'object' && condition !== null && k in condition,
  );
  const validator: Validator | undefined =
    kind === undefined
      ? undefined
      : kind === 'tag'
        ? checkTag
        : kind === 'metric'
          ? checkMetric
          : checkText[kind];
  if (validator === undefined) {
    problems.push(`${where}: expected an object with one of ${CONDITION_KINDS.join(', ')}`);
    return () => false;
  }
  if (!validator.Check(condition)) {
    problems.push(...errorsOf(validator, condition, where));
    return () => false;
  }
  if (kind === 'metric' && !COMPARISONS.some((op) => op in (condition as object))) {
    problems.push(`${where}: a metric condition needs one of ${COMPARISONS.join(', ')}`);
    return () => false;
  }
  try {
    return conditionPredicate(condition as Condition);
  } catch (error) {
    problems.push(`${where}: ${(error as Error).message}`);
    return () => false;
  }
}

interface Validator {
  Check(value: unknown): boolean;
  Errors(
    value: unknown,
  ): readonly { instancePath: string; message: string; keyword: string; params: unknown }[];
}

function errorsOf(validator: Validator, value: unknown, where: string): string[] {
  return validator
    .Errors(value)
    .filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'boolean')
    .map((e) => `${where}${fieldPath(e.instancePath)}: ${e.message}${allowed(e.params)}`);
}

/** `/when/1/gt` -> ` when[1].gt` */
function fieldPath(pointer: string): string {
  if (pointer === '') return '';
  const path = pointer
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
  return ` ${path}`;
}

function allowed(params: unknown): string {
  const p = params as { additionalProperties?: unknown; allowedValues?: unknown } | undefined;
  if (Array.isArray(p?.additionalProperties)) return `: ${p.additionalProperties.join(', ')}`;
  if (Array.isArray(p?.allowedValues)) return `: ${p.allowedValues.join(', ')}`;
  return '';
}
