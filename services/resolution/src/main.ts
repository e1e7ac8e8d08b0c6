import { createClickHouse } from '@faultline/clickhouse';
import { createBatchingProducer, createKafka } from '@faultline/kafka';
import { createLogger, createMetricsRegistry, onShutdown } from '@faultline/observability';
import { buildResolutionApp } from './api/build-app.js';
import { loadResolutionConfig } from './config.js';
import { startMaintenance } from './maintenance/start-maintenance.js';
import { startResolution } from './start-resolution.js';

const config = loadResolutionConfig();
const logger = createLogger({ service: 'resolution', level: config.log.level });
const registry = createMetricsRegistry('resolution');

// The tables are metrics' (its migrations create them); this service only reads them and fills archived_groups.
const clickhouse = createClickHouse({
  url: config.clickhouse.url,
  username: config.clickhouse.username,
  password: config.clickhouse.password,
  database: config.clickhouse.database,
});

const kafka = createKafka({ brokers: config.kafka.brokers, clientId: config.kafka.clientId, logger });
const admin = kafka.admin();
await admin.connect();
const producer = await createBatchingProducer(kafka, { logger });

// Tickets, regressions and investigation: Redis state, the errors.categorized consumer, their API.
const resolution = await startResolution(config, { kafka, admin, producer, clickhouse, logger });
// A consumer that gave up (too many invalid messages, a crash) takes the process down through the graceful close.
resolution.consumer.done.catch((error: unknown) => {
  setImmediate(() => {
    throw error;
  });
});

// Archives resolved groups on a timer, one instance at a time (Redis lock); see src/maintenance/.
const maintenance = startMaintenance(config, { clickhouse, logger });

const app = await buildResolutionApp({
  clickhouse,
  registry,
  logger,
  tickets: resolution.tickets,
  investigation: resolution.investigation,
  corsOrigins: config.cors.origins,
  checks: [{ name: 'kafka', check: () => admin.describeCluster() }],
});

onShutdown(logger, async () => {
  maintenance.stop();
  // The consumer first: its in-flight ticket changes finish while Kafka and Redis are still open.
  await resolution.stop();
  await producer.close();
  await Promise.all([app.close(), admin.disconnect()]);
  await clickhouse.close();
});
await app.listen({ host: config.http.host, port: config.http.port });
logger.info({ groupId: config.consumer.groupId, corsOrigins: config.cors.origins }, 'resolution started');
