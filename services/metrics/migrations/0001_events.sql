-- One row per categorized error event (errors.categorized). Grafana and the analytics API
-- read this table directly: column names are a documented interface (see README).
CREATE TABLE IF NOT EXISTS {database}.events
(
    project_id         LowCardinality(String),
    group_id           String,
    time               DateTime64(3, 'UTC') COMMENT 'when the error happened (client clock)',
    event_id           String,
    received_at        DateTime64(3, 'UTC'),
    categorized_at     DateTime64(3, 'UTC'),
    level              LowCardinality(String),
    severity           LowCardinality(String),
    category           LowCardinality(String),
    priority           LowCardinality(String),
    escalation         LowCardinality(String),
    team               LowCardinality(String),
    rule_id            LowCardinality(String),
    component          LowCardinality(String) COMMENT 'empty when the event named none',
    source             LowCardinality(String),
    environment        LowCardinality(String),
    release            LowCardinality(String),
    message            String,
    exception_type     LowCardinality(String),
    fingerprint_method LowCardinality(String),
    response_time_ms   Nullable(Float64),
    memory_bytes       Nullable(Float64),
    user_id            String,
    tags               Map(LowCardinality(String), String),
    payload            String COMMENT 'the CategorizedEvent as JSON' CODEC(ZSTD(3)),
    kafka_topic        LowCardinality(String),
    kafka_partition    UInt32,
    kafka_offset       UInt64
)
ENGINE = MergeTree
PARTITION BY toYYYYMMDD(time)
ORDER BY (project_id, group_id, time)
TTL toDateTime(time) + INTERVAL {retention_days} DAY
-- Remembers recent insert tokens, so a replayed Kafka batch adds no rows on a single server.
SETTINGS non_replicated_deduplication_window = 1000;
