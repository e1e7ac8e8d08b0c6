import { Counter, type Registry } from 'prom-client';

export interface CategorizerMetrics {
  events: Counter<'severity' | 'method'>;
  firstSeen: Counter;
  rulesReloads: Counter<'outcome'>;
}

export function createCategorizerMetrics(registry: Registry): CategorizerMetrics {
  return {
    events: new Counter({
      name: 'faultline_categorizer_events_total',
      help: 'Events categorized, by severity and fingerprint method',
      labelNames: ['severity', 'method'],
      registers: [registry],
    }),
    firstSeen: new Counter({
      name: 'faultline_categorizer_first_seen_total',
      help: 'Events that were the first of their group',
      registers: [registry],
    }),
    rulesReloads: new Counter({
      name: 'faultline_categorizer_rules_reloads_total',
      help: 'Reloads of a changed rules file, by outcome (applied, rejected)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
}
