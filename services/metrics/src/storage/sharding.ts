/**
 * The Distributed sharding key of each table in cluster mode (deploy/SCALING.md).
 *
 * Tables fed from Kafka shard by `kafka_partition`. The topics are keyed so that one
 * group's events (errors.categorized: project + group), one alert's events (alertId) and
 * one ticket's changes (ticketId) share a partition, so each lands on one shard and
 * per-group queries stay shard-local, as cityHash64(project_id, group_id) would give. Unlike
 * a hash of columns, it also sends a whole insert (one chunk of one partition) to ONE
 * shard: the rows and the `ingest_offsets` watermark the views write with them commit
 * together, as on one server. Hashing by group would split a chunk across shards; a shard
 * that failed while another succeeded would leave a watermark covering rows never stored,
 * and the retry would skip them. Growing a topic's partitions moves later events of a
 * group to another shard: queries stay correct (Distributed merges), only less local.
 * Shards should divide the partition count evenly (12 partitions: 2, 3, 4, 6 or 12 shards).
 *
 * View targets are written by their views on the shard of the source rows; their key
 * only places a direct INSERT, which Faultline never does.
 */
export const METRICS_SHARDING_KEYS: Readonly<Record<string, string>> = {
  events: 'kafka_partition',
  alert_events: 'kafka_partition',
  tickets: 'kafka_partition',
  audit_log: 'kafka_partition',
  notifications: 'cityHash64(project_id, alert_id)',
  events_per_minute: 'cityHash64(project_id)',
  events_per_hour: 'cityHash64(project_id)',
  ingest_offsets: 'partition',
  // Written by the maintenance job through the Distributed table: one (project, group)'s
  // archive rows meet on one shard, so ReplacingMergeTree collapses re-archived rows.
  archived_groups: 'cityHash64(project_id, group_id)',
};
