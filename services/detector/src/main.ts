import { loadConfig } from '@faultline/config';
import { createBatchingProducer, createKafka, ensureTopics } from '@faultline/kafka';
import { createRedis } from '@faultline/redis';
import { startService } from '@faultline/runtime';
import { DetectorConfig } from './config.js';
import { createDetectorMetrics } from './metrics.js';
import { startDetector } from './start-detector.js';
import { detectorTopicSpecs } from './topics.js';

const config = loadConfig(DetectorConfig);
const service = startService({ name: 'detector', logLevel: config.log.level });
const { logger } = service;
const metrics = createDetectorMetrics(service.registry);

const kafka = createKafka({ brokers: config.kafka.brokers, clientId: config.kafka.clientId, logger });
const admin = kafka.admin();
service.onStop('clients', () => admin.disconnect());
await admin.connect();
await ensureTopics(admin, detectorTopicSpecs(config.kafka));
const producer = await createBatchingProducer(kafka, { logger });
service.onStop('producers', () => producer.close());
const redis = createRedis(config.redis, { maxRetriesPerRequest: 3 });
service.onStop('clients', () => redis.quit());

// Both consumers and the flush timer: stopped together, each finishing and committing its chunk.
service.consumer(await startDetector(config, { kafka, producer, redis }, { logger, metrics }));

await service.listenHealth(config.http, [
  { name: 'kafka', check: () => admin.describeCluster() },
  { name: 'redis', check: () => redis.ping() },
]);
service.started({ groupId: config.consumer.groupId, topicPrefix: config.kafka.topicPrefix });
