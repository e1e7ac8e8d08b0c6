-- Every change made through an API (the audit topic): who, with which credential, what, on which
-- project, when, from which address. Kept `retention.auditDays` (400 by default), longer than events.
-- project_id is '' for instance-wide changes (users, teams, instance tokens).
CREATE TABLE IF NOT EXISTS {database}.audit_log
(
    project_id      LowCardinality(String),
    at              DateTime64(3, 'UTC'),
    audit_id        String,
    action          LowCardinality(String),
    actor_kind      LowCardinality(String),
    actor_id        String,
    actor_name      String,
    session_id      String,
    token_id        String,
    ip              String,
    target          String,
    details         Map(String, String),
    payload         String COMMENT 'the AuditRecord as JSON' CODEC(ZSTD(3)),
    kafka_topic     LowCardinality(String),
    kafka_partition UInt32,
    kafka_offset    UInt64
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (project_id, at, audit_id)
TTL toDateTime(at) + INTERVAL {audit_retention_days} DAY
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.audit_log_offsets_mv TO {database}.ingest_offsets AS
SELECT kafka_topic AS topic, kafka_partition AS partition, max(kafka_offset) AS max_offset
FROM {database}.audit_log WHERE kafka_topic != '' GROUP BY topic, partition;
