import { randomBytes } from 'node:crypto';
import { type ErrorEvent, errorEventCodec, topicNames } from '@faultline/contracts';
import { buildIngestApp, loadIngestConfig, ProjectStore } from '@faultline/ingest';
import { ensureTopics } from '@faultline/kafka';
import { createLogger } from '@faultline/observability';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { inject } from 'vitest';
import { TestAccess } from '../../../../test/support/access.js';

/**
 * A real ingest app listening on a free loopback port, on a private topic prefix and Redis key
 * prefix, with one project, and a reader of its errors.raw: what the SDKs send must arrive
 * there through the real HTTP route, key check and contract validation.
 */
export interface IngestUnderTest {
  url: string;
  projectId: string;
  key: string;
  /** Every event read so far from errors.raw. */
  events: ErrorEvent[];
  waitFor(predicate: (event: ErrorEvent) => boolean, timeoutMs?: number): Promise<ErrorEvent>;
  close(): Promise<void>;
}

export async function startIngest(name: string): Promise<IngestUnderTest> {
  const infra = inject('infra');
  const run = `${name}-${randomBytes(4).toString('hex')}`;
  const config = loadIngestConfig({
    env: {
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      REDIS_URL: infra.redisUrl,
      FAULTLINE_TOPIC_PREFIX: `test-sdk-${run}.`,
      FAULTLINE_REDIS_KEY_PREFIX: `test-sdk-${run}:`,
      FAULTLINE_HTTP_PORT: '0',
    },
  });
  const topic = topicNames(config.kafka.topicPrefix).errorsRaw;
  const kafka = new Kafka({
    clientId: `sdk-test-${run}`,
    brokers: config.kafka.brokers,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [{ topic, partitions: 1 }]);

  // The intake is public (project keys); the view is there because every ingest app verifies its admin API.
  const access = await TestAccess.start({
    topicPrefix: config.kafka.topicPrefix,
    brokers: config.kafka.brokers,
  });
  const app = await buildIngestApp(
    config,
    access.serviceAccess(),
    createLogger({ service: 'ingest', level: 'silent' }),
  );
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const redis = new Redis(config.redis.url);
  const { project, publicKey } = await new ProjectStore(redis, config.redis.keyPrefix).create({ name });

  const events: ErrorEvent[] = [];
  const consumer = kafka.consumer({ groupId: `sdk-test-${run}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const decoded = errorEventCodec.decode(message.value);
      if (!decoded.ok) throw new Error(`not an ErrorEvent on ${topic}: ${decoded.reason}`);
      events.push(decoded.value);
    },
  });

  return {
    url,
    projectId: project.id,
    key: publicKey,
    events,
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(predicate);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(
            `no matching event on ${topic} within ${timeoutMs} ms; read: ${JSON.stringify(events.map((e) => e.message))}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      await consumer.disconnect();
      await app.close();
      await access.stop();
      await redis.del(...(await redis.keys(`${config.redis.keyPrefix}*`)), 'faultline-sdk-test-placeholder');
      redis.disconnect();
      await admin
        .deleteTopics({ topics: [topic, access.topics.access, access.topics.audit] })
        .catch(() => undefined);
      await admin.disconnect();
    },
  };
}
