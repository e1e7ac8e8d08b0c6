import { startServiceAccess } from '@faultline/access';
import { topicNames } from '@faultline/contracts';
import { createKafka, ensureTopics, serviceTopicSpecs } from '@faultline/kafka';
import { startService } from '@faultline/runtime';
import { buildIngestApp } from './build-app.js';
import { loadIngestConfig } from './config.js';

const config = loadIngestConfig();
const service = startService({ name: 'ingest', logLevel: config.log.level });
const { logger } = service;

// Who may call the admin API: the access topic in memory (the intake stays on project keys).
const kafka = createKafka({ brokers: config.kafka.brokers, clientId: config.kafka.clientId, logger });
const admin = kafka.admin();
await admin.connect();
try {
  await ensureTopics(admin, serviceTopicSpecs(config.kafka, ['access', 'audit']));
} finally {
  await admin.disconnect();
}
const access = await startServiceAccess({
  kafka,
  topic: topicNames(config.kafka.topicPrefix).access,
  logger,
  sessionSecret: config.auth.sessionSecret,
  groupIdPrefix: 'faultline-ingest.access',
  watch: (running) => service.consumer(running),
});

// The app owns its Kafka producer and Redis client (plugins that close them after the server).
const app = await buildIngestApp(config, access, logger, service.registry);
await service.listen(app, config.http);
service.started({ topicPrefix: config.kafka.topicPrefix });
