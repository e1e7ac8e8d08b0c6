export { default as metricsApp, type MetricsAppOptions } from './api/app.js';
export { buildMetricsApp } from './api/build-app.js';
export { loadMetricsConfig, MetricsConfig } from './config.js';
export { MetricsError, type MetricsErrorCode } from './errors.js';
export { clickHouseSink, type InsertedBatch } from './ingest/clickhouse-sink.js';
export { alertEventRow, eventRow, ticketRow } from './ingest/rows.js';
export { startMetricsConsumers } from './ingest/start-consumers.js';
export { MIGRATIONS_DIR, migrateMetrics } from './storage/migrate.js';
export { metricsTopicSpecs } from './topics.js';
