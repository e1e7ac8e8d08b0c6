import type { MetricsConfig } from '../config.js';

export interface RetentionRule {
  table: string;
  /** The DateTime column a row's age is counted from. */
  column: string;
  days: number;
}

/**
 * Every table holding event-derived data and how long its rows live (the README's retention
 * table). A new such table must be added here (the retention test fails until it is).
 */
export function retentionRules(retention: MetricsConfig['retention']): RetentionRule[] {
  return [
    { table: 'events', column: 'time', days: retention.eventsDays },
    { table: 'events_per_minute', column: 'minute', days: retention.eventsDays },
    { table: 'events_per_hour', column: 'hour', days: retention.rollupDays },
    { table: 'alert_events', column: 'at', days: retention.alertDays },
    { table: 'notifications', column: 'at', days: retention.alertDays },
    { table: 'tickets', column: 'at', days: retention.ticketDays },
    { table: 'archived_groups', column: 'archived_at', days: retention.archiveDays },
    { table: 'audit_log', column: 'at', days: retention.auditDays },
  ];
}

/** Tables without retention on purpose: bookkeeping (Kafka offsets, applied migrations), never event data. */
export const TABLES_WITHOUT_RETENTION: readonly string[] = ['ingest_offsets', 'schema_migrations'];
