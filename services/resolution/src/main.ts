import { startServiceAccess } from '@faultline/access';
import { createClickHouse, readOnlySettings, readRequestTimeoutMs } from '@faultline/clickhouse';
import { topicNames } from '@faultline/contracts';
import { createBatchingProducer, createKafka } from '@faultline/kafka';
import { startService } from '@faultline/runtime';
import { buildResolutionApp } from './api/build-app.js';
import { loadResolutionConfig } from './config.js';
import { startMaintenance } from './maintenance/start-maintenance.js';
import { startResolution } from './start-resolution.js';

const config = loadResolutionConfig();
const service = startService({ name: 'resolution', logLevel: config.log.level });
const { logger, registry } = service;

// The tables are metrics' (its migrations create them); this service only reads them and fills archived_groups.
const credentials = {
  url: config.clickhouse.url,
  username: config.clickhouse.username,
  password: config.clickhouse.password,
  database: config.clickhouse.database,
};
const clickhouse = createClickHouse(credentials);
service.onStop('clients', () => clickhouse.close());
// Tickets' lookups and the investigation read through their own client: read-only, under the query limits.
const readClickhouse = createClickHouse({
  ...credentials,
  settings: readOnlySettings(config.queryLimits),
  requestTimeoutMs: readRequestTimeoutMs(config.queryLimits),
});
service.onStop('clients', () => readClickhouse.close());

const kafka = createKafka({ brokers: config.kafka.brokers, clientId: config.kafka.clientId, logger });
const admin = kafka.admin();
service.onStop('clients', () => admin.disconnect());
await admin.connect();
const producer = await createBatchingProducer(kafka, { logger });
service.onStop('producers', () => producer.close());

// Tickets, regressions and investigation: Redis state, the errors.categorized consumer, their API.
const resolution = await startResolution(config, {
  kafka,
  admin,
  producer,
  clickhouse: readClickhouse,
  logger,
});
service.consumer({
  done: resolution.consumer.done,
  stop: () => resolution.stop(),
  liveness: () => resolution.consumer.liveness(),
});

// Who may call the API: the access topic in memory (startResolution made the topic); not ready before it caught up.
const access = await startServiceAccess({
  kafka,
  topic: topicNames(config.kafka.topicPrefix).access,
  logger,
  sessionSecret: config.auth.sessionSecret,
  groupIdPrefix: `${config.consumer.groupId}.access`,
  watch: (running) => service.consumer(running),
});

// Archives resolved groups on a timer, one instance at a time (Redis lock); see src/maintenance/.
const maintenance = startMaintenance(config, { clickhouse, logger });
service.onStop('consumers', () => maintenance.stop());

const app = await buildResolutionApp({
  clickhouse: readClickhouse,
  registry,
  logger,
  liveness: service.liveness,
  tickets: resolution.tickets,
  investigation: resolution.investigation,
  corsOrigins: config.cors.origins,
  access,
  checks: [{ name: 'kafka', check: () => admin.describeCluster() }],
});

await service.listen(app, config.http);
service.started({ groupId: config.consumer.groupId, corsOrigins: config.cors.origins });
