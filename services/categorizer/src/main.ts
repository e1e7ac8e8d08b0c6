import { loadConfig } from '@faultline/config';
import { createBatchingProducer, createKafka, ensureTopics } from '@faultline/kafka';
import { createLogger, createMetricsRegistry, onShutdown, startHealthServer } from '@faultline/observability';
import { createRedis } from '@faultline/redis';
import { CategorizerConfig } from './config.js';
import { createCategorizerMetrics } from './metrics.js';
import { createRulesSource } from './rules/rules-source.js';
import { startCategorizerConsumer } from './start-consumer.js';
import { categorizerTopicSpecs } from './topics.js';

const config = loadConfig(CategorizerConfig);
const logger = createLogger({ service: 'categorizer', level: config.log.level });
const registry = createMetricsRegistry('categorizer');
const metrics = createCategorizerMetrics(registry);
// A bad rules file stops start-up here, before any event is consumed.
const rules = createRulesSource({
  file: config.rules.file,
  logger,
  onReload: (outcome) => metrics.rulesReloads.inc({ outcome }),
});

const kafka = createKafka({ brokers: config.kafka.brokers, clientId: config.kafka.clientId, logger });
const admin = kafka.admin();
await admin.connect();
await ensureTopics(admin, categorizerTopicSpecs(config.kafka));
const producer = await createBatchingProducer(kafka, { logger });
const redis = createRedis(config.redis, { maxRetriesPerRequest: 3 });

const consumer = await startCategorizerConsumer(
  config,
  { kafka, producer, redis },
  { rules, logger, metrics },
);
// A consumer that gave up (too many invalid messages, a crash) takes the process down through the graceful close.
consumer.done.catch((error: unknown) => {
  setImmediate(() => {
    throw error;
  });
});

const health = await startHealthServer({
  host: config.http.host,
  port: config.http.port,
  logger,
  registry,
  checks: [
    { name: 'kafka', check: () => admin.describeCluster() },
    { name: 'redis', check: () => redis.ping() },
  ],
});

onShutdown(logger, async () => {
  // Consumer first: its in-flight batch still needs the producer and Redis to finish and commit.
  await consumer.stop();
  await producer.close();
  await Promise.all([redis.quit(), admin.disconnect(), health.close()]);
});
logger.info(
  { groupId: config.consumer.groupId, rules: config.rules.file ?? 'runbook defaults' },
  'categorizer started',
);
