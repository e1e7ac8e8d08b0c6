import { loadConfig } from '@faultline/config';
import { createBatchingProducer, createKafka, ensureTopics } from '@faultline/kafka';
import { createLogger, createMetricsRegistry, onShutdown, startHealthServer } from '@faultline/observability';
import { createRedis } from '@faultline/redis';
import { DetectorConfig } from './config.js';
import { createDetectorMetrics } from './metrics.js';
import { startDetector } from './start-detector.js';
import { detectorTopicSpecs } from './topics.js';

const config = loadConfig(DetectorConfig);
const logger = createLogger({ service: 'detector', level: config.log.level });
const registry = createMetricsRegistry('detector');
const metrics = createDetectorMetrics(registry);

const kafka = createKafka({ brokers: config.kafka.brokers, clientId: config.kafka.clientId, logger });
const admin = kafka.admin();
await admin.connect();
await ensureTopics(admin, detectorTopicSpecs(config.kafka));
const producer = await createBatchingProducer(kafka, { logger });
const redis = createRedis(config.redis, { maxRetriesPerRequest: 3 });

const detector = await startDetector(config, { kafka, producer, redis }, { logger, metrics });
// A consumer that gave up (too many invalid messages, a crash) takes the process down through the graceful close.
detector.done.catch((error: unknown) => {
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
  // Consumers first: their in-flight chunks still need the producer and Redis to finish and commit.
  await detector.stop();
  await producer.close();
  await Promise.all([redis.quit(), admin.disconnect(), health.close()]);
});
logger.info(
  { groupId: config.consumer.groupId, port: health.server.address(), topicPrefix: config.kafka.topicPrefix },
  'detector started',
);
