-- Resolved error groups, archived by the maintenance job once resolved for `archive.resolvedAfterDays`:
-- one row per (project, group, resolution) with the group's facts and counts, kept after the raw
-- events expire (`retention.eventsDays`). Archiving again adds no row: the key includes resolved_at.
CREATE TABLE IF NOT EXISTS {database}.archived_groups
(
    project_id   LowCardinality(String),
    group_id     String,
    resolved_at  DateTime64(3, 'UTC'),
    ticket_id    String,
    resolver     String,
    archived_at  DateTime64(3, 'UTC'),
    first_seen   DateTime64(3, 'UTC'),
    last_seen    DateTime64(3, 'UTC'),
    events       UInt64,
    severity     LowCardinality(String),
    category     LowCardinality(String),
    component    LowCardinality(String),
    team         LowCardinality(String),
    message      String,
    sample       String COMMENT 'the newest event of the group (CategorizedEvent JSON)' CODEC(ZSTD(3))
)
ENGINE = ReplacingMergeTree(archived_at)
ORDER BY (project_id, group_id, resolved_at);
