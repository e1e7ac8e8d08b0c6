-- The highest Kafka offset stored per topic partition, written by the same inserts as the
-- rows (views fire with the insert). The consumer skips offsets at or below it, so a replay
-- whose batch is cut differently from the first attempt still adds no rows.
CREATE TABLE IF NOT EXISTS {database}.ingest_offsets
(
    topic      LowCardinality(String),
    partition  UInt32,
    max_offset SimpleAggregateFunction(max, UInt64)
)
ENGINE = AggregatingMergeTree
ORDER BY (topic, partition)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.events_offsets_mv TO {database}.ingest_offsets AS
SELECT kafka_topic AS topic, kafka_partition AS partition, max(kafka_offset) AS max_offset
FROM {database}.events WHERE kafka_topic != '' GROUP BY topic, partition;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.alert_events_offsets_mv TO {database}.ingest_offsets AS
SELECT kafka_topic AS topic, kafka_partition AS partition, max(kafka_offset) AS max_offset
FROM {database}.alert_events WHERE kafka_topic != '' GROUP BY topic, partition;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.tickets_offsets_mv TO {database}.ingest_offsets AS
SELECT kafka_topic AS topic, kafka_partition AS partition, max(kafka_offset) AS max_offset
FROM {database}.tickets WHERE kafka_topic != '' GROUP BY topic, partition;
