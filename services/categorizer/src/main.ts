import { loadConfig } from '@faultline/config';
import { createBatchingProducer, createKafka, ensureTopics } from '@faultline/kafka';
import { createRedis } from '@faultline/redis';
import { startService } from '@faultline/runtime';
import { CategorizerConfig } from './config.js';
import { createCategorizerMetrics } from './metrics.js';
import { createRulesSource } from './rules/rules-source.js';
import { startCategorizerConsumer } from './start-consumer.js';
import { categorizerTopicSpecs } from './topics.js';

const config = loadConfig(CategorizerConfig);
const service = startService({ name: 'categorizer', logLevel: config.log.level });
const { logger } = service;
const metrics = createCategorizerMetrics(service.registry);
// A bad rules file stops start-up here, before any event is consumed.
const rules = createRulesSource({
  file: config.rules.file,
  logger,
  onReload: (outcome) => metrics.rulesReloads.inc({ outcome }),
});

const kafka = createKafka({ brokers: config.kafka.brokers, clientId: config.kafka.clientId, logger });
const admin = kafka.admin();
service.onStop('clients', () => admin.disconnect());
await admin.connect();
await ensureTopics(admin, categorizerTopicSpecs(config.kafka));
const producer = await createBatchingProducer(kafka, { logger });
service.onStop('producers', () => producer.close());
const redis = createRedis(config.redis, { maxRetriesPerRequest: 3 });
service.onStop('clients', () => redis.quit());

service.consumer(
  await startCategorizerConsumer(config, { kafka, producer, redis }, { rules, logger, metrics }),
);

await service.listenHealth(config.http, [
  { name: 'kafka', check: () => admin.describeCluster() },
  { name: 'redis', check: () => redis.ping() },
]);
service.started({ groupId: config.consumer.groupId, rules: config.rules.file ?? 'runbook defaults' });
