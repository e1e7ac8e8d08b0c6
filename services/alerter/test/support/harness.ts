import {
  type AlertCommand,
  type AlertEvent,
  type AlertSignal,
  alertCommandCodec,
  alertEventCodec,
  alertSignalCodec,
  SCHEMA_VERSION,
  type Severity,
  type TicketEvent,
  type TopicNames,
  ticketEventCodec,
  topicNames,
} from '@faultline/contracts';
import { type BatchingProducer, createBatchingProducer, createKafka, ensureTopics } from '@faultline/kafka';
import { createLogger, type Logger } from '@faultline/observability';
import { createRedis } from '@faultline/redis';
import { Redis } from 'ioredis';
import type { Consumer } from 'kafkajs';
import { testEndpoints as infraEndpoints, uniqueName } from '../../../../test/support/endpoints.js';
import { type Alerter, type StartAlerterOptions, startAlerter } from '../../src/alerter.js';
import { type AlerterConfig, loadAlerterConfig } from '../../src/config.js';
import { alerterKeys } from '../../src/keys.js';
import { alerterTopicSpecs } from '../../src/topics.js';
import { type Receivers, TWILIO, WEBHOOK_SECRET } from './receivers.js';

export const logger: Logger = createLogger({
  service: 'alerter-test',
  level: process.env.LOG_LEVEL ?? 'silent',
});

/** Short session and fetch waits: group joins and restarts in seconds. */
export const FAST_CONSUMER = {
  sessionTimeout: 6000,
  rebalanceTimeout: 6000,
  heartbeatInterval: 500,
  maxWaitTimeInMs: 100,
};

export const RECIPIENTS = [
  'on-call-engineer',
  'tech-lead',
  'cto',
  'development-team',
  'assigned-developer',
] as const;
export const PHONE: Record<string, string> = Object.fromEntries(
  RECIPIENTS.map((r, i) => [r, `+1555010000${i}`]),
);

export { waitFor } from '../../../../test/support/wait.js';
export { infraEndpoints, uniqueName };

let sequence = 0;
export function alertSignal(severity: Severity, overrides: Partial<AlertSignal> = {}): AlertSignal {
  const now = new Date().toISOString();
  const alertId = overrides.alertId ?? uniqueName(`a${++sequence}`);
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'new',
    alertId,
    dedupKey: `shop:${severity}:${alertId}`,
    scope: { projectId: 'shop', severity },
    severity,
    errorCount: 5,
    affectedComponents: ['payment'],
    message: `${severity.toUpperCase()}: 5 errors detected`,
    samples: [
      {
        eventId: 'e1',
        groupId: 'g1',
        message: 'Payment processing failed: card declined',
        component: 'payment',
        timestamp: now,
      },
    ],
    window: { sizeMs: 300_000, threshold: 5 },
    firstSeen: now,
    lastSeen: now,
    emittedAt: now,
    ...overrides,
  };
}

/** Every channel's address for each recipient, at the receivers: `/slack/<name>`, `<name>@example.test`, ... */
export function recipientAddresses(receivers: Receivers, names: readonly string[] = RECIPIENTS) {
  return Object.fromEntries(
    names.map((r, i) => [
      r,
      {
        slack: `${receivers.httpBase}/slack/${r}`,
        email: `${r}@example.test`,
        sms: PHONE[r] ?? `+1555020000${i}`,
        pagerduty: `rk-${r}`,
        webhook: `${receivers.httpBase}/webhook/${r}`,
      },
    ]),
  );
}

/** Config env for one test file: its own topics, groups and Redis keys; every channel at the receivers. */
export function alerterEnv(
  receivers: Receivers,
  prefix: string,
  extra: Record<string, unknown> = {},
): NodeJS.ProcessEnv {
  const endpoints = infraEndpoints();
  const recipients = recipientAddresses(receivers);
  const env: NodeJS.ProcessEnv = {
    KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
    REDIS_URL: endpoints.redisUrl,
    FAULTLINE_TOPIC_PREFIX: prefix,
    FAULTLINE_KAFKA_PARTITIONS: JSON.stringify({ alerts: 2, 'alert-commands': 2, 'alert-events': 2 }),
    FAULTLINE_REDIS_KEY_PREFIX: prefix,
    FAULTLINE_CONSUMER_GROUP_ID: `${prefix}alerter`,
    FAULTLINE_RECIPIENTS: JSON.stringify(recipients),
    FAULTLINE_CHANNELS: JSON.stringify({
      email: { host: '127.0.0.1', port: receivers.smtpPort, from: 'Faultline <alerts@example.test>' },
      sms: { baseUrl: receivers.httpBase, ...TWILIO },
      pagerduty: { url: `${receivers.httpBase}/pagerduty` },
      webhook: { secret: WEBHOOK_SECRET },
    }),
    FAULTLINE_DELIVERY: JSON.stringify({
      attemptTimeoutMs: 2000,
      maxAttempts: 5,
      backoffBaseMs: 100,
      backoffMaxMs: 400,
      maxRetryAfterMs: 2000,
      concurrency: 32,
    }),
    FAULTLINE_SCHEDULER: JSON.stringify({ pollIntervalMs: 100, claimBatch: 100, leaseMs: 5000 }),
    FAULTLINE_DASHBOARD_URL: 'http://127.0.0.1:8090',
  };
  for (const [key, value] of Object.entries(extra))
    env[key] = typeof value === 'string' ? value : JSON.stringify(value);
  return env;
}

/** Real Kafka and Redis for one test file; alerters started here are stopped by close(). */
export class Harness {
  readonly config: AlerterConfig;
  readonly topics: TopicNames;
  readonly events: AlertEvent[] = [];
  readonly redis: Redis;
  private readonly kafka;
  private readonly admin;
  private producer: BatchingProducer | undefined;
  private reader: Consumer | undefined;
  /** Each alerter with its own clients, as a process of its own would have; stopping one closes them. */
  private readonly alerters = new Map<Alerter, () => Promise<void>>();

  constructor(env: NodeJS.ProcessEnv) {
    this.config = loadAlerterConfig(env);
    this.topics = topicNames(this.config.kafka.topicPrefix);
    this.kafka = createKafka({
      brokers: this.config.kafka.brokers,
      clientId: this.config.kafka.topicPrefix,
      logger,
    });
    this.admin = this.kafka.admin();
    this.redis = new Redis(this.config.redis.url, { maxRetriesPerRequest: 3 });
  }

  /** Topics, a producer for alerts and commands, and a reader collecting every alert-event. */
  async start(): Promise<void> {
    await this.admin.connect();
    await ensureTopics(this.admin, alerterTopicSpecs(this.config.kafka));
    this.producer = await createBatchingProducer(this.kafka, { logger });
    this.reader = this.kafka.consumer({ groupId: uniqueName('it-reader'), ...FAST_CONSUMER });
    await this.reader.connect();
    await this.reader.subscribe({ topics: [this.topics.alertEvents], fromBeginning: true });
    await this.reader.run({
      eachMessage: async ({ message }) => {
        const decoded = alertEventCodec.decode(message.value);
        if (!decoded.ok) throw new Error(decoded.reason);
        this.events.push(decoded.value);
      },
    });
  }

  async startAlerter(options: Partial<StartAlerterOptions> = {}): Promise<Alerter> {
    const admin = this.kafka.admin();
    await admin.connect();
    const producer = await createBatchingProducer(this.kafka, { logger });
    const redis = createRedis(this.config.redis, { maxRetriesPerRequest: 3 });
    const alerter = await startAlerter(
      this.config,
      { kafka: this.kafka, admin, producer, redis },
      { logger, consumer: FAST_CONSUMER, ...options },
    );
    this.alerters.set(alerter, async () => {
      await alerter.stop();
      await producer.close();
      await Promise.allSettled([redis.quit(), admin.disconnect()]);
    });
    return alerter;
  }

  async stopAlerter(alerter: Alerter): Promise<void> {
    const stop = this.alerters.get(alerter);
    this.alerters.delete(alerter);
    await stop?.();
  }

  async sendSignals(signals: AlertSignal[]): Promise<void> {
    const producer = this.requireProducer();
    await Promise.all(
      signals.map((s) =>
        producer.send(this.topics.alerts, { key: s.dedupKey, value: alertSignalCodec.encode(s) }),
      ),
    );
  }

  async sendCommand(alertId: string, action: AlertCommand['action'], actor = 'alice'): Promise<void> {
    const command: AlertCommand = {
      schemaVersion: SCHEMA_VERSION,
      commandId: uniqueName('cmd'),
      alertId,
      action,
      actor,
      issuedAt: new Date().toISOString(),
    };
    await this.requireProducer().send(this.topics.alertCommands, {
      key: alertId,
      value: alertCommandCodec.encode(command),
    });
  }

  async sendTicketEvents(events: TicketEvent[]): Promise<void> {
    const producer = this.requireProducer();
    for (const event of events)
      await producer.send(this.topics.tickets, {
        key: event.ticket.ticketId,
        value: ticketEventCodec.encode(event),
      });
  }

  /** Jobs on the schedule of the running alerters (due or claimed). */
  async alerterSchedulePending(): Promise<number> {
    return this.redis.zcard(alerterKeys(this.config.redis.keyPrefix).schedule);
  }

  eventsOf(alertId: string, type?: AlertEvent['type']): AlertEvent[] {
    return this.events.filter((e) => e.alert.alertId === alertId && (type === undefined || e.type === type));
  }

  /** Distinct by eventId: a re-emitted event counts once, as it does for every consumer. */
  sentNotifications(alertId: string): NonNullable<AlertEvent['notification']>[] {
    const unique = new Map(this.eventsOf(alertId, 'notified').map((e) => [e.eventId, e]));
    return [...unique.values()].flatMap((e) => (e.notification?.status === 'sent' ? [e.notification] : []));
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.alerters.keys()].map((a) => this.stopAlerter(a)));
    await this.reader?.disconnect();
    await this.producer?.close();
    await this.admin.deleteTopics({ topics: Object.values(this.topics) }).catch(() => {});
    const keys = await this.redis.keys(`{${this.config.redis.keyPrefix}alerter*`);
    if (keys.length > 0) await this.redis.del(...keys);
    await Promise.all([this.admin.disconnect(), this.redis.quit()]);
  }

  private requireProducer(): BatchingProducer {
    if (!this.producer) throw new Error('call start() first');
    return this.producer;
  }
}
