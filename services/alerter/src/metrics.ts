import { Counter, type Registry } from 'prom-client';

export interface AlerterMetrics {
  alertEvents: Counter<'type'>;
  notifications: Counter<'channel' | 'status'>;
  jobs: Counter<'kind' | 'outcome'>;
}

export function createAlerterMetrics(registry: Registry): AlerterMetrics {
  return {
    alertEvents: new Counter({
      name: 'faultline_alerter_alert_events_total',
      help: 'Alert-events written, by type',
      labelNames: ['type'],
      registers: [registry],
    }),
    notifications: new Counter({
      name: 'faultline_alerter_notification_attempts_total',
      help: 'Delivery attempts, by channel and outcome',
      labelNames: ['channel', 'status'],
      registers: [registry],
    }),
    jobs: new Counter({
      name: 'faultline_alerter_jobs_total',
      help: 'Scheduled jobs run, by kind and outcome',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    }),
  };
}
