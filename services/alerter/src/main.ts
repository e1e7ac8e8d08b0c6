import { startServiceAccess } from '@faultline/access';
import { topicNames } from '@faultline/contracts';
import { createBatchingProducer, createKafka, ensureTopics } from '@faultline/kafka';
import { createRedis } from '@faultline/redis';
import { startService } from '@faultline/runtime';
import { startAlerter } from './alerter.js';
import { loadAlerterConfig } from './config.js';
import { buildAlerterApp } from './http/build-app.js';
import { createAlerterMetrics } from './metrics.js';
import { alerterTopicSpecs } from './topics.js';

const config = loadAlerterConfig();
const service = startService({ name: 'alerter', logLevel: config.log.level });
const { logger, registry } = service;
const metrics = createAlerterMetrics(registry);

const kafka = createKafka({ brokers: config.kafka.brokers, clientId: config.kafka.clientId, logger });
const admin = kafka.admin();
service.onStop('clients', () => admin.disconnect());
await admin.connect();
await ensureTopics(admin, alerterTopicSpecs(config.kafka));
// Who may call /api/v1: the access topic in memory; not ready before it caught up.
const access = await startServiceAccess({
  kafka,
  topic: topicNames(config.kafka.topicPrefix).access,
  logger,
  sessionSecret: config.auth.sessionSecret,
  groupIdPrefix: `${config.consumer.groupId}.access`,
  watch: (running) => service.consumer(running),
});
const producer = await createBatchingProducer(kafka, { logger });
service.onStop('producers', () => producer.close());
const redis = createRedis(config.redis, { maxRetriesPerRequest: 3 });
service.onStop('clients', () => redis.quit());

// The three consumers and the scheduler's jobs: stopped before the producer they write through.
const alerter = service.consumer(
  await startAlerter(config, { kafka, admin, producer, redis }, { logger, metrics }),
);

const app = await buildAlerterApp({ config, alerter, registry, logger, liveness: service.liveness, access });
await service.listen(app, config.http);
service.started({ groupId: config.consumer.groupId });
