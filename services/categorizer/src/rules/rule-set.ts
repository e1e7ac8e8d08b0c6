import { DEFAULT_TEAM, SEVERITY_POLICY, TEAM_BY_COMPONENT_KEYWORD } from '@faultline/config';
import type { ErrorEvent, Priority, Severity } from '@faultline/contracts';
import { type CompiledRule, compileRules } from './compile-rules.js';
import type { RuleSubject } from './predicates.js';
import { DEFAULT_OUTCOME, DEFAULT_RULE_ID, runbookRules } from './runbook-rules.js';
import { stackText } from './stack-text.js';
import { teamForComponent } from './team.js';

export interface Decision {
  severity: Severity;
  category: string;
  priority: Priority;
  escalation: string;
  team: string;
  ruleId: string;
}

export interface RuleSet {
  /** Where the rules came from, for logs: a file path or `runbook defaults`. */
  source: string;
  rules: readonly CompiledRule[];
}

export function ruleSetFrom(document: unknown, source: string): RuleSet {
  return { source, rules: compileRules(document, source) };
}

export function runbookRuleSet(): RuleSet {
  return ruleSetFrom(runbookRules(), 'runbook defaults');
}

/** The first rule that matches decides; team comes from the rule, else from the component. */
export function decide(event: ErrorEvent, ruleSet: RuleSet): Decision {
  let stack: string | undefined;
  const subject: RuleSubject = { event, stack: () => (stack ??= stackText(event)) };
  const rule = ruleSet.rules.find(({ match, conditions }) =>
    match === 'all'
      ? conditions.every((holds) => holds(subject))
      : conditions.some((holds) => holds(subject)),
  );
  const outcome = rule?.set ?? DEFAULT_OUTCOME;
  return {
    severity: outcome.severity,
    category: outcome.category,
    priority: outcome.priority ?? SEVERITY_POLICY[outcome.severity].priority,
    escalation: outcome.escalation,
    team: outcome.team ?? teamForComponent(event.component, TEAM_BY_COMPONENT_KEYWORD, DEFAULT_TEAM),
    ruleId: rule?.id ?? DEFAULT_RULE_ID,
  };
}
