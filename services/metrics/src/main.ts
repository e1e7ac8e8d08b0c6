import { createAuditor, startServiceAccess } from '@faultline/access';
import { createClickHouse, readOnlySettings, readRequestTimeoutMs } from '@faultline/clickhouse';
import { topicNames } from '@faultline/contracts';
import { createBatchingProducer, createKafka, ensureTopics } from '@faultline/kafka';
import { startService } from '@faultline/runtime';
import { createAccessWriter } from './admin/access-writer.js';
import { bootstrapOwner } from './admin/bootstrap-owner.js';
import { createTokenUsage } from './admin/token-usage.js';
import { flushTokenUsage } from './admin/token-usage-flush.js';
import { viewRecords } from './admin/view-records.js';
import { buildMetricsApp } from './api/build-app.js';
import { tokensLastUse } from './audit/token-last-use.js';
import { loadMetricsConfig } from './config.js';
import { DEFAULT_WEB_ROOT, LiveHub, startLiveFeed } from './dashboard/index.js';
import { alertCommandsTopicSpecs } from './dashboard/topics.js';
import { startMetricsConsumers } from './ingest/start-consumers.js';
import { createIngestMetrics } from './metrics.js';
import { migrateMetrics } from './storage/migrate.js';
import { metricsTopicSpecs } from './topics.js';

const config = loadMetricsConfig();
const service = startService({ name: 'metrics', logLevel: config.log.level });
const { logger, registry } = service;

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
const clickhouse = createClickHouse({
  ...credentials,
  database: config.clickhouse.database,
  // On a cluster an insert is acknowledged only once its shard stored it: the commit after the
  // insert must mean the rows are stored, not queued on this node.
  ...(config.clickhouse.cluster ? { settings: { distributed_foreground_insert: 1 } } : {}),
});
service.onStop('clients', () => clickhouse.close());
// The API reads through its own client: read-only, every query under the configured limits.
const readClickhouse = createClickHouse({
  ...credentials,
  database: config.clickhouse.database,
  settings: readOnlySettings(config.queryLimits),
  requestTimeoutMs: readRequestTimeoutMs(config.queryLimits),
});
service.onStop('clients', () => readClickhouse.close());

const kafka = createKafka({ brokers: config.kafka.brokers, clientId: config.kafka.clientId, logger });
const admin = kafka.admin();
service.onStop('clients', () => admin.disconnect());
await admin.connect();
await ensureTopics(admin, [...metricsTopicSpecs(config.kafka), ...alertCommandsTopicSpecs(config.kafka)]);
const producer = await createBatchingProducer(kafka, { logger });
service.onStop('producers', () => producer.close());

const ingestMetrics = createIngestMetrics(registry);
const consumers = await startMetricsConsumers(
  config,
  { kafka, producer, clickhouse },
  { logger, onInserted: ingestMetrics.onInserted },
);
for (const consumer of consumers) service.consumer(consumer);

// The dashboard's live feed: its own consumer group per instance, so every page sees every alert-event.
const hub = new LiveHub();
const liveFeed = await startLiveFeed({
  kafka,
  topicPrefix: config.kafka.topicPrefix,
  groupPrefix: config.consumer.groupId,
  hub,
  logger,
  maxWaitMs: config.dashboard.liveMaxWaitMs,
});
service.onStop('consumers', () => liveFeed.stop());
const topics = topicNames(config.kafka.topicPrefix);
const alertCommandsTopic = topics.alertCommands;

// The admin API writes `access` and reads it back through this process's own view.
const access = await startServiceAccess({
  kafka,
  topic: topics.access,
  logger,
  sessionSecret: config.auth.sessionSecret,
  groupIdPrefix: `${config.consumer.groupId}.access`,
  watch: (running) => service.consumer(running),
});
const audit = createAuditor(producer, topics.audit).audit;
const records = viewRecords(access.view);
const writer = createAccessWriter({ producer, topic: topics.access, records });
const bootstrapped = await bootstrapOwner({
  records,
  writer,
  email: config.admin.ownerEmail,
  ownerToken: config.admin.ownerToken,
  now: new Date(),
});
if (bootstrapped.created.length > 0) logger.info({ created: bootstrapped.created }, 'owner bootstrapped');
const usage = createTokenUsage((tokenIds) => tokensLastUse(readClickhouse, tokenIds));
const flushUsage = () => flushTokenUsage(usage, records, producer, topics.audit);
const usageTimer = setInterval(() => {
  flushUsage().catch((error: unknown) => logger.warn({ err: error }, 'token usage not flushed'));
}, config.admin.tokenUsageFlushMs);
service.onStop('consumers', async () => {
  clearInterval(usageTimer);
  await flushUsage();
});

const app = await buildMetricsApp({
  clickhouse: readClickhouse,
  registry,
  rateLimit: config.rateLimit,
  logger,
  liveness: service.liveness,
  checks: [
    { name: 'kafka', check: () => admin.describeCluster() },
    {
      name: 'live-feed',
      check: async () => {
        if (!liveFeed.isJoined())
          throw new Error('the live alert-events consumer has not joined its group yet');
      },
    },
  ],
  dashboard: {
    hub,
    webRoot: config.dashboard.webRoot || DEFAULT_WEB_ROOT,
    resolutionUrl: config.dashboard.resolutionUrl,
    maxStreamsPerClient: config.dashboard.liveMaxStreamsPerClient,
    maxBufferedBytes: config.dashboard.liveMaxBufferedBytes,
    sendCommand: async (key, value) => {
      await producer.send(alertCommandsTopic, { key, value });
    },
    audit,
  },
  access,
  admin: {
    records,
    writer,
    audit,
    usage,
    now: () => new Date(),
  },
});

await service.listen(app, config.http);
service.started({ database: config.clickhouse.database, groupId: config.consumer.groupId });
