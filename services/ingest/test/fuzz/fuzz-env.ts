import { randomBytes } from 'node:crypto';
import { errorEventCodec, topicNames } from '@faultline/contracts';
import { ensureTopics } from '@faultline/kafka';
import { Redis } from 'ioredis';
import { type Consumer, Kafka, logLevel } from 'kafkajs';
import { ProjectStore } from '../../src/projects/project-store.js';
import type { FuzzTarget } from './bodies.js';
import { IngestProcess } from './ingest-process.js';

/** Kept small so over-limit bodies are cheap to generate and send; the behaviour is the same. */
export const FUZZ_BODY_LIMIT_BYTES = 256 * 1024;

export interface FuzzEnv {
  ingest: IngestProcess;
  target: FuzzTarget;
  topic: string;
  /** Every message ingest wrote, and those that do not decode as an ErrorEvent. */
  written: { count: number; invalid: string[]; eventIds: Set<string> };
  close(): Promise<void>;
}

/**
 * A private topic prefix and Redis key prefix, two projects (the second only to contradict the
 * first), ingest as a process with scrubbing of emails and IPs on (more regexes under fire),
 * and a consumer that checks every message ingest writes against the contract.
 */
export async function startFuzzEnv(infra: { kafkaBrokers: string[]; redisUrl: string }): Promise<FuzzEnv> {
  const run = randomBytes(4).toString('hex');
  const prefix = `fuzz-ingest-${run}.`;
  const keyPrefix = `fuzz-ingest-${run}:`;
  const topic = topicNames(prefix).errorsRaw;
  const kafka = new Kafka({
    clientId: 'ingest-fuzz',
    brokers: infra.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [{ topic, partitions: 2 }]);

  const redis = new Redis(infra.redisUrl);
  const projects = new ProjectStore(redis, keyPrefix);
  // Refusals by the rate limiter are fine answers, but they would hide everything behind them.
  const rateLimit = { ratePerSecond: 1e6, burst: 1e6 };
  const main = await projects.create({ name: 'fuzz', rateLimit });
  const other = await projects.create({ name: 'fuzz-other', rateLimit });

  const written = { count: 0, invalid: [] as string[], eventIds: new Set<string>() };
  const consumer: Consumer = kafka.consumer({ groupId: `ingest-fuzz-${run}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      written.count += 1;
      const decoded = errorEventCodec.decode(message.value);
      if (decoded.ok) written.eventIds.add(decoded.value.eventId);
      else if (written.invalid.length < 20)
        written.invalid.push(`${decoded.reason} :: ${message.value?.toString('utf8').slice(0, 300)}`);
    },
  });

  let ingest: IngestProcess;
  try {
    ingest = await IngestProcess.start({
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      REDIS_URL: infra.redisUrl,
      FAULTLINE_TOPIC_PREFIX: prefix,
      FAULTLINE_REDIS_KEY_PREFIX: keyPrefix,
      FAULTLINE_INGEST_BODY_LIMIT_BYTES: String(FUZZ_BODY_LIMIT_BYTES),
      FAULTLINE_INGEST_PRODUCE_TIMEOUT_MS: '5000',
      FAULTLINE_SCRUB_EMAILS: 'true',
      FAULTLINE_SCRUB_IPS: 'true',
      LOG_LEVEL: 'warn',
    });
  } catch (error) {
    await consumer.disconnect();
    await admin.disconnect();
    redis.disconnect();
    throw error;
  }
  const host = `127.0.0.1:${ingest.port}`;
  return {
    ingest,
    target: {
      projectId: main.project.id,
      key: main.publicKey,
      otherProjectId: other.project.id,
      otherKey: other.publicKey,
      host,
    },
    topic,
    written,
    async close() {
      await ingest.stop();
      await consumer.disconnect().catch(() => {});
      await admin.deleteTopics({ topics: [topic] }).catch(() => {});
      await admin.disconnect();
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}
