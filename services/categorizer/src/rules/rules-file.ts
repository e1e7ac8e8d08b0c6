import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { type RuleSet, ruleSetFrom } from './rule-set.js';
import { RulesError } from './rules-error.js';

/** Reads a YAML or JSON rules file (JSON is YAML) and compiles it; any problem is a RulesError. */
export function loadRulesFile(path: string): RuleSet {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RulesError(path, [(error as NodeJS.ErrnoException).code ?? (error as Error).message]);
  }
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new RulesError(path, [(error as Error).message.split('\n')[0] ?? 'unreadable YAML']);
  }
  return ruleSetFrom(document, path);
}
