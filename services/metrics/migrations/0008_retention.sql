-- Retention of everything else derived from events (data protection): alert history, deliveries,
-- ticket history and archived groups expire too. Each period is configurable (`retention.*`);
-- migrateMetrics re-applies a changed one at start, as it does for `events` and `audit_log`.
ALTER TABLE {database}.alert_events MODIFY TTL toDateTime(at) + INTERVAL {alert_retention_days} DAY;

ALTER TABLE {database}.notifications MODIFY TTL toDateTime(at) + INTERVAL {alert_retention_days} DAY;

ALTER TABLE {database}.tickets MODIFY TTL toDateTime(at) + INTERVAL {ticket_retention_days} DAY;

-- Counted from archiving, not from the events: an archive is meant to outlive the raw events.
ALTER TABLE {database}.archived_groups MODIFY TTL toDateTime(archived_at) + INTERVAL {archive_retention_days} DAY;
