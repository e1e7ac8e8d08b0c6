import { type Stats, statSync } from 'node:fs';
import type { Logger } from '@faultline/observability';
import { type RuleSet, runbookRuleSet } from './rule-set.js';
import { loadRulesFile } from './rules-file.js';

export interface RulesSource {
  /** The rules to apply to the next batch; asked once per batch, so a batch never mixes rule sets. */
  current(): RuleSet;
}

export interface RulesSourceOptions {
  /** Without a file, the runbook defaults. */
  file?: string;
  logger: Logger;
  /** Called after each reload attempt of a changed file. */
  onReload?: (outcome: 'applied' | 'rejected') => void;
}

/**
 * Loads the rules file at start (a bad file stops start-up), then re-reads it whenever its
 * stat changes. A bad edit is logged and the last good rules stay in force: a running
 * service must not stop categorizing because of a typo.
 */
export function createRulesSource({ file, logger, onReload }: RulesSourceOptions): RulesSource {
  if (file === undefined) {
    const defaults = runbookRuleSet();
    return { current: () => defaults };
  }
  let rules = loadRulesFile(file);
  let version = versionOf(statSync(file));
  logger.info({ file, rules: rules.rules.length }, 'rules loaded');

  return {
    current() {
      let stats: Stats;
      try {
        stats = statSync(file);
      } catch (error) {
        logger.warn({ file, err: error }, 'rules file unreadable; keeping the rules in force');
        return rules;
      }
      const next = versionOf(stats);
      if (next === version) return rules;
      version = next;
      try {
        rules = loadRulesFile(file);
        logger.info({ file, rules: rules.rules.length }, 'rules reloaded');
        onReload?.('applied');
      } catch (error) {
        logger.error({ file, err: error }, 'rules file rejected; keeping the rules in force');
        onReload?.('rejected');
      }
      return rules;
    },
  };
}

// inode too: ConfigMaps and editors replace the file by renaming a new one over it.
function versionOf(stats: Stats): string {
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}
