import { loadConfig } from '@faultline/config';
import { type ErrorEvent, errorEventCodec, type TopicNames, topicNames } from '@faultline/contracts';
import {
  type BatchingProducer,
  createBatchingProducer,
  createKafka,
  ensureTopics,
  type RunningConsumer,
} from '@faultline/kafka';
import { createLogger, type Logger } from '@faultline/observability';
import { Redis } from 'ioredis';
import { uniqueName } from '../../../../test/support/unique-name.js';
import { CategorizerConfig } from '../../src/config.js';
import { createRulesSource } from '../../src/rules/rules-source.js';
import { startCategorizerConsumer } from '../../src/start-consumer.js';
import { categorizerTopicSpecs } from '../../src/topics.js';

export const logger: Logger = createLogger({
  service: 'categorizer-test',
  level: process.env.LOG_LEVEL ?? 'silent',
});

/** Short session and fetch waits: group joins and restarts in seconds. */
const FAST_CONSUMER = {
  sessionTimeout: 6000,
  rebalanceTimeout: 6000,
  heartbeatInterval: 500,
  maxWaitTimeInMs: 100,
};

export interface Endpoints {
  kafkaBrokers: string[];
  redisUrl: string;
}

export { waitFor } from '../../../../test/support/wait.js';
export { uniqueName };

export interface Received {
  key: string | undefined;
  value: Buffer | null;
}

/**
 * Real Kafka and Redis, with a topic prefix, consumer group and Redis key prefix of its
 * own, so tests never see each other's data.
 */
export class Harness {
  readonly config: CategorizerConfig;
  readonly topics: TopicNames;
  /** The environment `config` was loaded from, for a categorizer run as a process on the same topics, group and keys. */
  readonly env: Record<string, string>;
  private readonly kafka;
  private readonly admin;
  private readonly redis: Redis;
  private producer: BatchingProducer | undefined;
  private readers: { disconnect(): Promise<void> }[] = [];

  constructor(
    { kafkaBrokers, redisUrl }: Endpoints,
    overrides: { maxBatch?: number; env?: Record<string, string> } = {},
  ) {
    const prefix = `${uniqueName('it-categorizer')}.`;
    this.env = {
      KAFKA_BROKERS: kafkaBrokers.join(','),
      REDIS_URL: redisUrl,
      FAULTLINE_TOPIC_PREFIX: prefix,
      FAULTLINE_KAFKA_PARTITIONS: JSON.stringify({ 'errors.raw': 3, 'errors.categorized': 3 }),
      FAULTLINE_REDIS_KEY_PREFIX: `${prefix}:`,
      FAULTLINE_CONSUMER_GROUP_ID: `${prefix}categorizer`,
      FAULTLINE_CONSUMER_MAX_BATCH: String(overrides.maxBatch ?? 500),
      ...overrides.env,
    };
    this.config = loadConfig(CategorizerConfig, { env: this.env });
    this.topics = topicNames(prefix);
    this.kafka = createKafka({ brokers: this.config.kafka.brokers, clientId: prefix, logger });
    this.admin = this.kafka.admin();
    this.redis = new Redis(this.config.redis.url, { maxRetriesPerRequest: 3 });
  }

  async start(): Promise<void> {
    await this.admin.connect();
    await ensureTopics(this.admin, categorizerTopicSpecs(this.config.kafka));
    this.producer = await createBatchingProducer(this.kafka, { logger });
  }

  startCategorizer(): Promise<RunningConsumer> {
    const clients = { kafka: this.kafka, producer: this.requireProducer(), redis: this.redis };
    return startCategorizerConsumer(this.config, clients, {
      rules: createRulesSource({ logger }),
      logger,
      consumer: FAST_CONSUMER,
    });
  }

  /** Writes raw bytes to errors.raw as a direct producer would, waiting for the acks. */
  async produceRaw(messages: { key: string; value: string | Buffer }[]): Promise<void> {
    const producer = this.requireProducer();
    await Promise.all(messages.map((m) => producer.send(this.topics.errorsRaw, m)));
  }

  async produceEvents(events: ErrorEvent[]): Promise<void> {
    await this.produceRaw(
      events.map((event) => ({ key: event.projectId, value: errorEventCodec.encode(event) })),
    );
  }

  /** Everything written to a topic from its beginning, appended as it arrives. */
  async read(topic: string): Promise<Received[]> {
    const received: Received[] = [];
    const reader = this.kafka.consumer({ groupId: uniqueName('it-reader'), ...FAST_CONSUMER });
    this.readers.push(reader);
    await reader.connect();
    await reader.subscribe({ topics: [topic], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        received.push({ key: message.key?.toString('utf8'), value: message.value });
      },
    });
    return received;
  }

  async close(): Promise<void> {
    await Promise.all(this.readers.map((reader) => reader.disconnect()));
    await this.producer?.close();
    await this.admin.deleteTopics({ topics: Object.values(this.topics) }).catch(() => {});
    const keys = await this.redis.keys(`${this.config.redis.keyPrefix}*`);
    if (keys.length > 0) await this.redis.del(...keys);
    await Promise.all([this.admin.disconnect(), this.redis.quit()]);
  }

  private requireProducer(): BatchingProducer {
    if (!this.producer) throw new Error('call start() first');
    return this.producer;
  }
}
