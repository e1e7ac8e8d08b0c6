import { Counter, type Registry } from 'prom-client';

export interface AlerterMetrics {
  alertEvents: Counter<'type'>;
  notifications: Counter<'channel' | 'status'>;
  jobs: Counter<'kind' | 'outcome'>;
  ticketEvents: Counter<'type' | 'decision'>;
  ticketNotifications: Counter<'channel' | 'status'>;
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
    ticketEvents: new Counter({
      name: 'faultline_alerter_ticket_events_total',
      help: 'Ticket events consumed, by type and decision (notify, ignored, stale)',
      labelNames: ['type', 'decision'],
      registers: [registry],
    }),
    ticketNotifications: new Counter({
      name: 'faultline_alerter_ticket_notification_attempts_total',
      help: 'Ticket notice delivery attempts, by channel and outcome (sent, retrying, failed)',
      labelNames: ['channel', 'status'],
      registers: [registry],
    }),
  };
}
