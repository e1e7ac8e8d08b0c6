-- Event counts per minute and per hour by project, severity, category, component and team.
-- SummingMergeTree folds rows with equal keys on merge: always read with sum(events).
-- The dedup window matters here too: a replayed insert is dropped in the view's target as well.
CREATE TABLE IF NOT EXISTS {database}.events_per_minute
(
    project_id LowCardinality(String),
    minute     DateTime('UTC'),
    severity   LowCardinality(String),
    category   LowCardinality(String),
    component  LowCardinality(String),
    team       LowCardinality(String),
    events     UInt64
)
ENGINE = SummingMergeTree(events)
PARTITION BY toYYYYMMDD(minute)
ORDER BY (project_id, minute, severity, category, component, team)
TTL minute + INTERVAL {retention_days} DAY
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.events_per_minute_mv TO {database}.events_per_minute AS
SELECT project_id, toStartOfMinute(time) AS minute, severity, category, component, team, count() AS events
FROM {database}.events
GROUP BY project_id, minute, severity, category, component, team;

CREATE TABLE IF NOT EXISTS {database}.events_per_hour
(
    project_id LowCardinality(String),
    hour       DateTime('UTC'),
    severity   LowCardinality(String),
    category   LowCardinality(String),
    component  LowCardinality(String),
    team       LowCardinality(String),
    events     UInt64
)
ENGINE = SummingMergeTree(events)
PARTITION BY toYYYYMM(hour)
ORDER BY (project_id, hour, severity, category, component, team)
TTL hour + INTERVAL {rollup_retention_days} DAY
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.events_per_hour_mv TO {database}.events_per_hour AS
SELECT project_id, toStartOfHour(time) AS hour, severity, category, component, team, count() AS events
FROM {database}.events
GROUP BY project_id, hour, severity, category, component, team;
