import { randomBytes } from 'node:crypto';
import { topicNames } from '@faultline/contracts';
import { ensureTopics } from '@faultline/kafka';
import { createLogger } from '@faultline/observability';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { TestAccess } from '../../../../test/support/access.js';
import { buildIngestApp } from '../../src/build-app.js';
import { type IngestConfig, loadIngestConfig } from '../../src/config.js';
import { buildDsn } from '../../src/projects/keys.js';
import { ProjectStore } from '../../src/projects/project-store.js';
import { TopicReader } from './topic-reader.js';

export interface Harness {
  app: FastifyInstance;
  url: string;
  config: IngestConfig;
  projects: ProjectStore;
  reader: TopicReader;
  /** Credentials the app verifies (`access.owner` may call the admin API). */
  access: TestAccess;
  /** A project and its key, DSN pointing at this app. */
  createProject(input?: {
    name?: string;
    allowedOrigins?: string[];
    rateLimit?: { ratePerSecond: number; burst: number };
  }): Promise<{ id: string; key: string; dsn: string }>;
  close(): Promise<void>;
}

/**
 * A listening ingest app on its own topic prefix and Redis key prefix, so test files never see
 * each other's events or projects, and a reader on its errors.raw topic.
 */
export async function startIngest(
  infra: { kafkaBrokers: string[]; redisUrl: string },
  env: Record<string, string> = {},
  options: { read?: boolean } = {},
): Promise<Harness> {
  const run = randomBytes(4).toString('hex');
  const config = loadIngestConfig({
    env: {
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      REDIS_URL: infra.redisUrl,
      FAULTLINE_TOPIC_PREFIX: `test-ingest-${run}.`,
      FAULTLINE_REDIS_KEY_PREFIX: `test-ingest-${run}:`,
      FAULTLINE_HTTP_PORT: '0',
      ...env,
    },
  });
  const topic = topicNames(config.kafka.topicPrefix).errorsRaw;
  const admin = new Kafka({
    clientId: 'ingest-test-admin',
    brokers: config.kafka.brokers,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  await ensureTopics(admin, [{ topic, partitions: 3 }]);
  await admin.disconnect();

  const logger = createLogger({ service: 'ingest', level: process.env.LOG_LEVEL ?? 'silent' });
  const access = await TestAccess.start({
    topicPrefix: config.kafka.topicPrefix,
    brokers: config.kafka.brokers,
  });
  const app = await buildIngestApp(config, access.serviceAccess(), logger);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const redis = new Redis(config.redis.url);
  const projects = new ProjectStore(redis, config.redis.keyPrefix);
  const reader = new TopicReader(config.kafka.brokers, topic);
  if (options.read !== false) await reader.start();

  return {
    app,
    url: address,
    config,
    projects,
    reader,
    access,
    async createProject(input = {}) {
      const { project, publicKey } = await projects.create({ name: input.name ?? 'test', ...input });
      return { id: project.id, key: publicKey, dsn: buildDsn(address, publicKey, project.id) };
    },
    async close() {
      if (options.read !== false) await reader.stop();
      await app.close();
      await access.stop();
      redis.disconnect();
    },
  };
}
