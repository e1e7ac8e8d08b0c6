/**
 * Every service's HTTP app as its main wires it (accessControl at the root, every route with its
 * rule), each with its own AccessView reading one shared test `access` topic over the real Kafka,
 * listening on a port of its own. The categorizer and detector serve only the runtime's public
 * /healthz, /readyz and /metrics (startHealthServer) and have no API to protect.
 */
import { createAuditor, type RunningAccessView, startAccessView } from '@faultline/access';
import { topicNames } from '@faultline/contracts';
import { createBatchingProducer, createKafka, ensureTopics } from '@faultline/kafka';
import { createLogger, createMetricsRegistry } from '@faultline/observability';
import { createRedis } from '@faultline/redis';
import { buildAlerterApp } from '../../services/alerter/src/http/build-app.js';
import { alerterKeys, loadAlerterConfig } from '../../services/alerter/src/index.js';
import { SilenceStore } from '../../services/alerter/src/silences/silence-store.js';
import { AlertStore } from '../../services/alerter/src/state/alert-store.js';
import { alerterTopicSpecs } from '../../services/alerter/src/topics.js';
import { buildIngestApp, loadIngestConfig } from '../../services/ingest/src/index.js';
import { createAccessWriter } from '../../services/metrics/src/admin/access-writer.js';
import { createTokenUsage } from '../../services/metrics/src/admin/token-usage.js';
import { viewRecords } from '../../services/metrics/src/admin/view-records.js';
import { buildMetricsApp } from '../../services/metrics/src/api/build-app.js';
import { LiveHub } from '../../services/metrics/src/dashboard/index.js';
import { testDatabase } from '../../services/metrics/test/support/database.js';
import {
  buildResolutionApp,
  loadResolutionConfig,
  startResolution,
} from '../../services/resolution/src/index.js';
import { serviceAccessOf } from '../support/access.js';

export type ApiService = 'ingest' | 'alerter' | 'metrics' | 'resolution';

type FastifyInstance = Awaited<ReturnType<typeof buildMetricsApp>>;

export interface ServiceApp {
  name: ApiService;
  app: FastifyInstance;
  url: string;
  view: RunningAccessView['view'];
}

export interface ServiceApps {
  apps: ServiceApp[];
  stop(): Promise<void>;
}

const logger = createLogger({ service: 'route-table', level: process.env.LOG_LEVEL ?? 'silent' });

/** The four apps under `prefix` (topics, Redis keys), metrics on a fresh ClickHouse database. */
export async function startServiceApps(
  infra: { kafkaBrokers: string[]; redisUrl: string },
  prefix: string,
): Promise<ServiceApps> {
  const env = {
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    REDIS_URL: infra.redisUrl,
    FAULTLINE_TOPIC_PREFIX: prefix,
    FAULTLINE_REDIS_KEY_PREFIX: prefix,
    FAULTLINE_CONSUMER_GROUP_ID: `${prefix}resolution`,
  };
  const topics = topicNames(prefix);
  const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: prefix, logger });
  const admin = kafka.admin();
  await admin.connect();
  const producer = await createBatchingProducer(kafka, { logger });
  const redis = createRedis(loadAlerterConfig(env).redis, { maxRetriesPerRequest: 3 });
  const cleanups: (() => Promise<unknown>)[] = [];
  const apps: ServiceApp[] = [];
  // Each service reads `access` with a view of its own, as each process does.
  const viewOf = async (name: ApiService) => {
    const running = await startAccessView({
      kafka,
      topic: topics.access,
      logger,
      groupIdPrefix: `${prefix}${name}`,
    });
    cleanups.push(() => running.stop());
    await running.view.ready();
    return running.view;
  };
  const listen = async (name: ApiService, app: FastifyInstance, view: ServiceApp['view']) => {
    cleanups.push(() => app.close());
    apps.push({ name, app, view, url: await app.listen({ host: '127.0.0.1', port: 0 }) });
  };

  try {
    const alerterConfig = loadAlerterConfig(env);
    // Off: the table sends many requests with one token.
    alerterConfig.api.rateLimit = { perSecond: 0, burst: 1 };
    await ensureTopics(admin, alerterTopicSpecs(alerterConfig.kafka));

    const ingestView = await viewOf('ingest');
    const ingestConfig = loadIngestConfig({ env: { ...env, FAULTLINE_HTTP_PORT: '0' } });
    await listen(
      'ingest',
      await buildIngestApp(ingestConfig, serviceAccessOf(ingestView), logger),
      ingestView,
    );

    const alerterView = await viewOf('alerter');
    const keys = alerterKeys(alerterConfig.redis.keyPrefix);
    const alerterApp = await buildAlerterApp({
      config: alerterConfig,
      alerter: {
        store: new AlertStore(redis, keys, alerterConfig.resolvedRetentionSeconds),
        silences: new SilenceStore(redis, keys),
        producer,
        redis,
        admin,
      },
      registry: createMetricsRegistry('alerter-route-table'),
      logger,
      access: serviceAccessOf(alerterView),
    });
    await listen('alerter', alerterApp, alerterView);

    const db = await testDatabase({ FAULTLINE_TOPIC_PREFIX: prefix });
    cleanups.push(async () => {
      await db.drop();
    });
    const metricsView = await viewOf('metrics');
    const records = viewRecords(metricsView);
    const audit = createAuditor(producer, topics.audit).audit;
    const metricsApp = await buildMetricsApp({
      access: serviceAccessOf(metricsView),
      clickhouse: db.client,
      logger,
      dashboard: {
        hub: new LiveHub(),
        webRoot: '/nonexistent',
        resolutionUrl: 'http://127.0.0.1:8095',
        sendCommand: async (key, value) => {
          await producer.send(topics.alertCommands, { key, value });
        },
        audit,
      },
      admin: {
        records,
        writer: createAccessWriter({ producer, topic: topics.access, records }),
        audit,
        usage: createTokenUsage(async () => new Map()),
        now: () => new Date(),
      },
    });
    await listen('metrics', metricsApp, metricsView);

    const resolutionConfig = loadResolutionConfig({
      ...env,
      CLICKHOUSE_DATABASE: db.config.clickhouse.database,
    });
    const resolution = await startResolution(resolutionConfig, {
      kafka,
      admin,
      producer,
      clickhouse: db.client,
      logger,
    });
    cleanups.push(() => resolution.stop());
    const resolutionView = await viewOf('resolution');
    const resolutionApp = await buildResolutionApp({
      access: serviceAccessOf(resolutionView),
      clickhouse: db.client,
      logger,
      tickets: resolution.tickets,
      investigation: resolution.investigation,
    });
    await listen('resolution', resolutionApp, resolutionView);
  } catch (error) {
    await stopAll();
    throw error;
  }

  async function stopAll(): Promise<void> {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    await producer.close();
    redis.disconnect();
    await admin
      .deleteTopics({ topics: Object.values(topics) })
      .catch(() => {})
      .finally(() => admin.disconnect());
  }
  return { apps, stop: stopAll };
}
