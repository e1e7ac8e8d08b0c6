-- Every ticket change (tickets topic), each carrying the ticket as it is afterwards.
-- The latest row per ticket_id is its state.
CREATE TABLE IF NOT EXISTS {database}.tickets
(
    project_id        LowCardinality(String),
    ticket_id         String,
    at                DateTime64(3, 'UTC'),
    event_id          String,
    type              LowCardinality(String),
    actor             String,
    group_id          String,
    title             String,
    severity          LowCardinality(String) COMMENT 'empty when the ticket has none',
    assignee          LowCardinality(String),
    status            LowCardinality(String),
    created_at        DateTime64(3, 'UTC'),
    first_response_at Nullable(DateTime64(3, 'UTC')) COMMENT 'first step or resolution, whichever came first',
    resolved_at       Nullable(DateTime64(3, 'UTC')),
    resolver          String,
    steps             UInt32,
    payload           String COMMENT 'the TicketEvent as JSON' CODEC(ZSTD(3)),
    kafka_topic       LowCardinality(String),
    kafka_partition   UInt32,
    kafka_offset      UInt64
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (project_id, ticket_id, at)
SETTINGS non_replicated_deduplication_window = 1000;
