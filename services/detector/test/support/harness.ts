import { fileURLToPath } from 'node:url';
import {
  type AlertEvent,
  type AlertSignal,
  alertEventCodec,
  alertSignalCodec,
  type CategorizedEvent,
  categorizedEventCodec,
  categorizedKey,
  type TopicNames,
  topicNames,
} from '@faultline/contracts';
import {
  type BatchingProducer,
  consumerLag,
  createBatchingProducer,
  createKafka,
  ensureTopics,
} from '@faultline/kafka';
import { createLogger } from '@faultline/observability';
import { Redis } from 'ioredis';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import { ServiceProcess } from '../../../../test/support/service-process.js';
import { detectorTopicSpecs } from '../../src/topics.js';
import { deleteKeys, infraEndpoints, uniqueName, waitFor } from './infra.js';

const logger = createLogger({ service: 'detector-test', level: process.env.LOG_LEVEL ?? 'silent' });
const mainPath = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** One detector replica: `src/main.ts` in a child process, so it can be killed for real. */
export class DetectorProcess extends ServiceProcess {
  constructor(name: string, env: Record<string, string>) {
    super(name, mainPath, env);
  }

  started(): Promise<void> {
    return this.logged('detector started', 45_000);
  }
}

/**
 * Real Kafka and Redis with a topic prefix, consumer group and key prefix of its own; the
 * detectors under test run as child processes configured through the environment.
 */
export class Harness {
  readonly prefix = `${uniqueName('it-detector')}.`;
  readonly topics: TopicNames = topicNames(this.prefix);
  readonly groupId = `${this.prefix}detector`;
  readonly keyPrefix = `${this.prefix}:`;
  readonly signals: AlertSignal[] = [];
  readonly redis: Redis;
  private readonly endpoints = infraEndpoints();
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private producer: BatchingProducer | undefined;
  private reader: Consumer | undefined;
  private readonly detectors: DetectorProcess[] = [];

  constructor(private readonly env: Record<string, string> = {}) {
    this.kafka = createKafka({ brokers: this.endpoints.kafkaBrokers, clientId: this.prefix, logger });
    this.admin = this.kafka.admin();
    this.redis = new Redis(this.endpoints.redisUrl, { maxRetriesPerRequest: 3 });
  }

  private get partitions() {
    return { 'errors.categorized': 4, alerts: 2, 'alert-events': 2, dlq: 1 };
  }

  async start(): Promise<void> {
    await this.admin.connect();
    await ensureTopics(
      this.admin,
      detectorTopicSpecs({ topicPrefix: this.prefix, partitions: this.partitions }),
    );
    this.producer = await createBatchingProducer(this.kafka, { logger });
    this.reader = this.kafka.consumer({ groupId: uniqueName('it-reader'), maxWaitTimeInMs: 100 });
    await this.reader.connect();
    await this.reader.subscribe({ topics: [this.topics.alerts], fromBeginning: true });
    await this.reader.run({
      eachMessage: async ({ message }) => {
        const decoded = alertSignalCodec.decode(message.value);
        if (!decoded.ok) throw new Error(decoded.reason);
        if (message.key?.toString('utf8') !== decoded.value.dedupKey)
          throw new Error('alert not keyed by its dedupKey');
        this.signals.push(decoded.value);
      },
    });
  }

  /** Starts a detector process and waits until it has started (joined both groups). */
  async startDetector(name: string): Promise<DetectorProcess> {
    const detector = new DetectorProcess(name, {
      KAFKA_BROKERS: this.endpoints.kafkaBrokers.join(','),
      REDIS_URL: this.endpoints.redisUrl,
      FAULTLINE_KAFKA_CLIENT_ID: `${this.prefix}${name}`,
      FAULTLINE_TOPIC_PREFIX: this.prefix,
      FAULTLINE_KAFKA_PARTITIONS: JSON.stringify(this.partitions),
      FAULTLINE_REDIS_KEY_PREFIX: this.keyPrefix,
      FAULTLINE_HTTP_PORT: '0',
      FAULTLINE_CONSUMER_GROUP_ID: this.groupId,
      FAULTLINE_CONSUMER_FROM_BEGINNING: 'true',
      FAULTLINE_CONSUMER_SESSION_TIMEOUT_MS: '6000',
      FAULTLINE_CONSUMER_HEARTBEAT_INTERVAL_MS: '500',
      FAULTLINE_CONSUMER_MAX_WAIT_MS: '100',
      ...this.env,
    });
    this.detectors.push(detector);
    await detector.started();
    return detector;
  }

  /** Until both groups are stable with `count` members, each holding partitions. */
  async waitForMembers(count: number): Promise<void> {
    const groups = [this.groupId, `${this.groupId}-alert-events`];
    await waitFor(
      async () => {
        const { groups: described } = await this.admin.describeGroups(groups);
        return described.every((g) => g.state === 'Stable' && g.members.length === count);
      },
      45_000,
      `${count} members in the detector groups`,
    );
  }

  async produceEvents(events: CategorizedEvent[]): Promise<void> {
    const producer = this.requireProducer();
    await Promise.all(
      events.map((event) =>
        producer.send(this.topics.errorsCategorized, {
          key: categorizedKey(event.event.projectId, event.groupId),
          value: categorizedEventCodec.encode(event),
        }),
      ),
    );
  }

  async produceAlertEvent(event: AlertEvent): Promise<void> {
    await this.requireProducer().send(this.topics.alertEvents, {
      key: event.alert.alertId,
      value: alertEventCodec.encode(event),
    });
  }

  /** Until the detector group has committed everything written to `topic` (so its signals are acknowledged). */
  async waitForCommitted(topic: string, groupId = this.groupId): Promise<void> {
    await waitFor(
      async () => (await consumerLag(this.admin, groupId, [topic])).every((p) => p.lag === 0),
      60_000,
      `${groupId} to commit all of ${topic}`,
    );
  }

  signalsFor(dedupKey: string): AlertSignal[] {
    return this.signals.filter((signal) => signal.dedupKey === dedupKey);
  }

  async close(): Promise<void> {
    await Promise.all(this.detectors.map((d) => d.stop()));
    await this.reader?.disconnect();
    await this.producer?.close();
    await this.admin.deleteTopics({ topics: Object.values(this.topics) }).catch(() => {});
    await this.admin.disconnect();
    await deleteKeys(this.redis, this.keyPrefix);
    await this.redis.quit();
  }

  private requireProducer(): BatchingProducer {
    if (!this.producer) throw new Error('call start() first');
    return this.producer;
  }
}
