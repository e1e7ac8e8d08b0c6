-- Every alert lifecycle event (alert-events). The latest row per alert_id is its state.
CREATE TABLE IF NOT EXISTS {database}.alert_events
(
    project_id          LowCardinality(String),
    alert_id            String,
    at                  DateTime64(3, 'UTC'),
    event_id            String,
    type                LowCardinality(String),
    status              LowCardinality(String),
    severity            LowCardinality(String),
    dedup_key           String,
    component           LowCardinality(String),
    group_id            String,
    error_count         UInt32,
    affected_components Array(LowCardinality(String)),
    message             String,
    first_seen          DateTime64(3, 'UTC'),
    last_seen           DateTime64(3, 'UTC'),
    stage               UInt16,
    acknowledged_by     String,
    resolved_by         String,
    actor               String,
    reason              String,
    notification_channel   LowCardinality(String),
    notification_recipient String,
    notification_stage     UInt16,
    notification_status    LowCardinality(String),
    notification_error     String,
    payload             String COMMENT 'the AlertEvent as JSON' CODEC(ZSTD(3)),
    kafka_topic         LowCardinality(String),
    kafka_partition     UInt32,
    kafka_offset        UInt64
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (project_id, alert_id, at)
SETTINGS non_replicated_deduplication_window = 1000;

-- One row per delivery attempt, split out of `notified` alert events.
CREATE TABLE IF NOT EXISTS {database}.notifications
(
    project_id LowCardinality(String),
    alert_id   String,
    at         DateTime64(3, 'UTC'),
    event_id   String,
    severity   LowCardinality(String),
    channel    LowCardinality(String),
    recipient  String,
    stage      UInt16,
    status     LowCardinality(String),
    error      String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (project_id, at, alert_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.notifications_mv TO {database}.notifications AS
SELECT project_id, alert_id, at, event_id, severity,
       notification_channel AS channel, notification_recipient AS recipient,
       notification_stage AS stage, notification_status AS status, notification_error AS error
FROM {database}.alert_events
WHERE type = 'notified' AND notification_channel != '';
