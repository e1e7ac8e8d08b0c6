/**
 * Alerts routed per second with every channel pointed at loopback receivers: critical
 * alerts to Slack, email (SMTP), SMS (Twilio shape), PagerDuty and a signed webhook, three
 * recipients each, through real Kafka and Redis. Bounded: gives up after 90 s.
 */
import { randomBytes } from 'node:crypto';
import { type AlertSignal, alertSignalCodec, SCHEMA_VERSION, topicNames } from '@faultline/contracts';
import { createBatchingProducer, createKafka, ensureTopics } from '@faultline/kafka';
// Not a dependency of the test package: reached through its source, like the alerter itself.
import { createLogger } from '@faultline/observability';
import { Redis } from 'ioredis';
import { loadAlerterConfig, startAlerter } from '../../services/alerter/src/index.js';
import { alerterTopicSpecs } from '../../services/alerter/src/topics.js';
import { Receivers, TWILIO, WEBHOOK_SECRET } from '../../services/alerter/test/support/receivers.js';

const ALERTS = Number(process.env.BENCH_ALERTS ?? 200);
const CHANNELS = ['slack', 'email', 'sms', 'pagerduty', 'webhook'] as const;
const RECIPIENTS = ['on-call-engineer', 'tech-lead', 'cto'];
const DEADLINE_MS = 90_000;

const logger = createLogger({ service: 'alerter-bench', level: process.env.LOG_LEVEL ?? 'silent' });
const receivers = new Receivers();
await receivers.start();
const prefix = `bench-alerter-${randomBytes(4).toString('hex')}.`;
const config = loadAlerterConfig({
  ...process.env,
  FAULTLINE_TOPIC_PREFIX: prefix,
  FAULTLINE_REDIS_KEY_PREFIX: prefix,
  FAULTLINE_CONSUMER_GROUP_ID: `${prefix}alerter`,
  FAULTLINE_ROUTING: JSON.stringify({ critical: { channels: CHANNELS, recipients: RECIPIENTS } }),
  FAULTLINE_ESCALATION: JSON.stringify({ afterMs: { critical: [] } }),
  FAULTLINE_RECIPIENTS: JSON.stringify(
    Object.fromEntries(
      RECIPIENTS.map((r, i) => [
        r,
        {
          slack: `${receivers.httpBase}/slack/${r}`,
          email: `${r}@example.test`,
          sms: `+1555010000${i}`,
          pagerduty: `rk-${r}`,
          webhook: `${receivers.httpBase}/webhook/${r}`,
        },
      ]),
    ),
  ),
  FAULTLINE_CHANNELS: JSON.stringify({
    email: { host: '127.0.0.1', port: receivers.smtpPort },
    sms: { baseUrl: receivers.httpBase, ...TWILIO },
    pagerduty: { url: `${receivers.httpBase}/pagerduty` },
    webhook: { secret: WEBHOOK_SECRET },
  }),
  FAULTLINE_DELIVERY: JSON.stringify({ attemptTimeoutMs: 5000, concurrency: 64 }),
  FAULTLINE_SCHEDULER: JSON.stringify({ pollIntervalMs: 50, claimBatch: 200, leaseMs: 15_000 }),
});
const topics = topicNames(prefix);
const kafka = createKafka({ brokers: config.kafka.brokers, clientId: 'alerter-bench', logger });
const alerterAdmin = kafka.admin();
await alerterAdmin.connect();
await ensureTopics(alerterAdmin, alerterTopicSpecs(config.kafka));
const alerterProducer = await createBatchingProducer(kafka, { logger });
const alerterRedis = new Redis(config.redis.url, { maxRetriesPerRequest: 3 });
const alerter = await startAlerter(
  config,
  { kafka, admin: alerterAdmin, producer: alerterProducer, redis: alerterRedis },
  {
    logger,
    consumer: { sessionTimeout: 6000, rebalanceTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 50 },
  },
);
const producer = await createBatchingProducer(kafka, { logger });

const expected = ALERTS * CHANNELS.length * RECIPIENTS.length;
let outcome: { seconds: number; delivered: number } | undefined;
try {
  const now = new Date().toISOString();
  const signals: AlertSignal[] = Array.from({ length: ALERTS }, (_, i) => ({
    schemaVersion: SCHEMA_VERSION,
    kind: 'new',
    alertId: `bench-${i}-${randomBytes(3).toString('hex')}`,
    dedupKey: `shop:critical:${i}`,
    scope: { projectId: 'shop', severity: 'critical' },
    severity: 'critical',
    errorCount: 1,
    affectedComponents: ['payment'],
    message: 'CRITICAL: 1 errors detected',
    samples: [
      {
        eventId: `e${i}`,
        groupId: 'g1',
        message: 'Payment processing failed',
        component: 'payment',
        timestamp: now,
      },
    ],
    window: { sizeMs: 0, threshold: 1 },
    firstSeen: now,
    lastSeen: now,
    emittedAt: now,
  }));
  console.log(
    `alerter bench: ${ALERTS} critical alerts x ${CHANNELS.length} channels x ${RECIPIENTS.length} recipients = ${expected} deliveries`,
  );
  const started = performance.now();
  await Promise.all(
    signals.map((s) => producer.send(topics.alerts, { key: s.dedupKey, value: alertSignalCodec.encode(s) })),
  );
  while (receivers.received.length < expected && performance.now() - started < DEADLINE_MS)
    await new Promise((r) => setTimeout(r, 20));
  outcome = { seconds: (performance.now() - started) / 1000, delivered: receivers.received.length };
} finally {
  await producer.close();
  await alerter.stop();
  await alerterProducer.close();
  await Promise.allSettled([alerterRedis.quit(), alerterAdmin.disconnect()]);
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => {});
  await admin.disconnect();
  const redis = new Redis(config.redis.url);
  const keys = await redis.keys(`{${prefix}alerter*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await receivers.close();
}

const alertsPerSec = Math.round((ALERTS * (outcome.delivered / expected)) / outcome.seconds);
const deliveriesPerSec = Math.round(outcome.delivered / outcome.seconds);
console.log(
  `delivered ${outcome.delivered}/${expected} in ${outcome.seconds.toFixed(2)} s${outcome.delivered < expected ? ' (deadline hit)' : ''}`,
);
console.log(
  `routed ${alertsPerSec} alerts/s (${deliveriesPerSec} deliveries/s across ${CHANNELS.join(', ')})`,
);
console.log(`payload problems seen by the receivers: ${receivers.problems.length}`);
console.log(
  JSON.stringify({
    bench: 'alerter',
    alerts: ALERTS,
    deliveriesExpected: expected,
    deliveries: outcome.delivered,
    seconds: Number(outcome.seconds.toFixed(3)),
    alertsPerSec,
    deliveriesPerSec,
    payloadProblems: receivers.problems.length,
  }),
);
