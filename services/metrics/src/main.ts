import { createClickHouse } from '@faultline/clickhouse';
import { createBatchingProducer, createKafka, ensureTopics } from '@faultline/kafka';
import { createLogger, createMetricsRegistry, onShutdown } from '@faultline/observability';
import { buildMetricsApp } from './api/build-app.js';
import { loadMetricsConfig } from './config.js';
import { startMetricsConsumers } from './ingest/start-consumers.js';
import { createIngestMetrics } from './metrics.js';
import { migrateMetrics } from './storage/migrate.js';
import { metricsTopicSpecs } from './topics.js';

const config = loadMetricsConfig();
const logger = createLogger({ service: 'metrics', level: config.log.level });
const registry = createMetricsRegistry('metrics');

const credentials = {
  url: config.clickhouse.url,
  username: config.clickhouse.username,
  password: config.clickhouse.password,
};
// Schema first: a consumer must never insert into a table that is not there yet. The migration
// client has no default database, since ours may not exist before the first migration creates it.
const bootstrap = createClickHouse(credentials);
await migrateMetrics(bootstrap, config, logger);
await bootstrap.close();
const clickhouse = createClickHouse({ ...credentials, database: config.clickhouse.database });

const kafka = createKafka({ brokers: config.kafka.brokers, clientId: config.kafka.clientId, logger });
const admin = kafka.admin();
await admin.connect();
await ensureTopics(admin, metricsTopicSpecs(config.kafka));
const producer = await createBatchingProducer(kafka, { logger });

const ingestMetrics = createIngestMetrics(registry);
const consumers = await startMetricsConsumers(
  config,
  { kafka, producer, clickhouse },
  { logger, onInserted: ingestMetrics.onInserted },
);
// A consumer that gave up (too many invalid messages, a crash) takes the process down through the graceful close.
for (const consumer of consumers)
  consumer.done.catch((error: unknown) => {
    setImmediate(() => {
      throw error;
    });
  });

const app = await buildMetricsApp({
  clickhouse,
  registry,
  logger,
  checks: [{ name: 'kafka', check: () => admin.describeCluster() }],
});

onShutdown(logger, async () => {
  // Consumers first: their in-flight inserts finish and commit while ClickHouse is still open.
  await Promise.allSettled(consumers.map((consumer) => consumer.stop()));
  await producer.close();
  await Promise.all([app.close(), admin.disconnect()]);
  await clickhouse.close();
});
await app.listen({ host: config.http.host, port: config.http.port });
logger.info({ database: config.clickhouse.database, groupId: config.consumer.groupId }, 'metrics started');
