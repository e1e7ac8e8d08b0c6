/**
 * Detector throughput and Redis cost. (a) One detector instance (both consumers, in this
 * process) drains a fresh errors.categorized topic filled beforehand: events/s between its
 * first and last Redis round trip. (b) The events handler alone on the same Redis, no Kafka:
 * the ceiling the windows allow. Redis cost per 1,000 events is counted in the store: round
 * trips, commands sent (one EVALSHA per scope per chunk) and commands the scripts ran inside
 * Redis. Last line: JSON with the figures.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { loadConfig } from '@faultline/config';
import {
  type CategorizedEvent,
  categorizedEventCodec,
  categorizedKey,
  type Severity,
  topicNames,
} from '@faultline/contracts';
import { consumerLag, createBatchingProducer, createKafka, ensureTopics } from '@faultline/kafka';
import { createLogger } from '@faultline/observability';
import { Redis } from 'ioredis';
import { DetectorConfig } from '../../services/detector/src/config.js';
import { createEventsHandler } from '../../services/detector/src/handle-events.js';
import { startDetector } from '../../services/detector/src/start-detector.js';
import { createWindowStore, type WindowStore } from '../../services/detector/src/store/window-store.js';
import { detectorTopicSpecs } from '../../services/detector/src/topics.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 30_000);
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 50);
const CHUNK = 500;
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// Stops the process even if a server hangs; keys then expire on their own, the topic is left for `pnpm infra down`.
setTimeout(() => {
  console.error('detector bench: gave up after 110 s');
  process.exit(1);
}, 110_000).unref();

const logger = createLogger({ service: 'bench-detector', level: 'error' });
const prefix = `bench.detector.${randomBytes(4).toString('hex')}.`;
const config = loadConfig(DetectorConfig, {
  env: {
    KAFKA_BROKERS: brokers.join(','),
    REDIS_URL: redisUrl,
    FAULTLINE_TOPIC_PREFIX: prefix,
    FAULTLINE_REDIS_KEY_PREFIX: `${prefix}:`,
    FAULTLINE_CONSUMER_GROUP_ID: `${prefix}detector`,
    FAULTLINE_CONSUMER_FROM_BEGINNING: 'true',
    FAULTLINE_CONSUMER_SESSION_TIMEOUT_MS: '10000',
    FAULTLINE_CONSUMER_HEARTBEAT_INTERVAL_MS: '1000',
    FAULTLINE_CONSUMER_MAX_WAIT_MS: '100',
    FAULTLINE_DETECTION_UPDATE_INTERVAL_MS: '1000',
  },
});

/** Severity mix of a noisy system: mostly low, a few critical. */
function severityOf(r: number): Severity {
  if (r < 0.03) return 'critical';
  if (r < 0.15) return 'high';
  if (r < 0.4) return 'medium';
  return 'low';
}

function makeEvents(count: number, projects = PROJECTS): CategorizedEvent[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const severity = severityOf(Math.random());
    const projectId = `project-${i % projects}`;
    return {
      schemaVersion: 1,
      event: {
        schemaVersion: 1,
        eventId: randomUUID().replaceAll('-', ''),
        projectId,
        timestamp: new Date(now - Math.floor(Math.random() * 60_000)).toISOString(),
        level: 'error',
        message: `Request ${i} failed: upstream returned 502`,
        source: 'express',
        component: ['api', 'payment', 'database', 'audio'][i % 4] as string,
      },
      groupId: (i % 20).toString(16).padStart(16, '0'),
      fingerprint: { method: 'message', parts: ['message:Request <n> failed: upstream returned <n>'] },
      severity,
      category: 'general',
      priority: 'P3',
      escalation: 'standard',
      team: 'backend-team',
      ruleId: 'default',
      categorizedAt: new Date(now).toISOString(),
    };
  });
}

interface Figures {
  events: number;
  seconds: number;
  eventsPerSec: number;
  signals: number;
  redisRoundTripsPer1000: number;
  redisCommandsPer1000: number;
  redisCommandsInScriptsPer1000: number;
}

function figures(store: WindowStore, events: number, seconds: number, signals: number): Figures {
  const stats = store.stats();
  const per1000 = (n: number) => Math.round((n / events) * 1000 * 10) / 10;
  return {
    events,
    seconds: Math.round(seconds * 100) / 100,
    eventsPerSec: Math.round(events / seconds),
    signals,
    redisRoundTripsPer1000: per1000(stats.roundTrips),
    redisCommandsPer1000: per1000(stats.commands),
    redisCommandsInScriptsPer1000: per1000(stats.scriptCalls),
  };
}

/** Wraps a store to time its first and last round trip and count the signals decided. */
function timed(store: WindowStore) {
  const span = { first: 0n, last: 0n, signals: 0 };
  const apply = store.apply;
  const wrapped: WindowStore = {
    ...store,
    async apply(batches, now) {
      if (span.first === 0n) span.first = process.hrtime.bigint();
      const outcomes = await apply(batches, now);
      span.last = process.hrtime.bigint();
      span.signals += outcomes.filter((o) => o.decision !== 'none').length;
      return outcomes;
    },
  };
  return { wrapped, span };
}

const kafka = createKafka({ brokers, clientId: prefix, logger });
const admin = kafka.admin();
const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
const storeSettings = {
  keyPrefix: config.redis.keyPrefix,
  lateToleranceMs: config.detection.lateToleranceMs,
  updateIntervalMs: config.detection.updateIntervalMs,
  alertIdleTtlMs: config.detection.alertIdleTtlMs,
  maxLogEntries: config.detection.maxLogEntries,
  sampleLimit: 5,
};

async function instance(events: CategorizedEvent[]): Promise<Figures> {
  await admin.connect();
  await ensureTopics(admin, detectorTopicSpecs(config.kafka));
  const producer = await createBatchingProducer(kafka, { logger });
  const topics = topicNames(prefix);
  await Promise.all(
    events.map((event) =>
      producer.send(topics.errorsCategorized, {
        key: categorizedKey(event.event.projectId, event.groupId),
        value: categorizedEventCodec.encode(event),
      }),
    ),
  );
  console.log(`produced ${events.length} categorized events to ${topics.errorsCategorized}`);
  const joining = Date.now();

  const detector = await startDetector(config, { kafka, producer, redis }, { logger });
  // The handler calls the store it was given; timing that same object times the instance.
  const { wrapped, span } = timed(detector.store);
  detector.store.apply = wrapped.apply;
  while (true) {
    const lag = await consumerLag(admin, config.consumer.groupId, [topics.errorsCategorized]);
    if (lag.every((p) => p.lag === 0)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.log(`drained (join included) in ${((Date.now() - joining) / 1000).toFixed(1)} s`);
  await detector.stop();
  await producer.close();
  await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => {});
  await admin.disconnect();
  return figures(detector.store, events.length, Number(span.last - span.first) / 1e9, span.signals);
}

async function handlerOnly(events: CategorizedEvent[], name: string): Promise<Figures> {
  const { wrapped } = timed(createWindowStore(redis, { ...storeSettings, keyPrefix: `${prefix}:${name}:` }));
  let signals = 0;
  const handler = createEventsHandler({
    detection: config.detection,
    store: wrapped,
    sampleLimit: 5,
    publish: async (s) => {
      signals += s.length;
    },
  });
  const context = { topic: 'bench', partition: 0, heartbeat: async () => {}, logger };
  const started = process.hrtime.bigint();
  for (let i = 0; i < events.length; i += CHUNK) {
    const chunk = events.slice(i, i + CHUNK).map((value, j) => ({
      value,
      key: null,
      topic: 'bench',
      partition: 0,
      offset: String(i + j),
      timestamp: '0',
      headers: {},
    }));
    await handler(chunk, context);
  }
  return figures(wrapped, events.length, Number(process.hrtime.bigint() - started) / 1e9, signals);
}

async function deleteKeys(match: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

try {
  const events = makeEvents(EVENTS);
  const one = await instance(events);
  console.log(
    `one instance (Kafka + Redis): ${one.events} events in ${one.seconds} s = ${one.eventsPerSec} events/s, ${one.signals} signals`,
  );
  console.log(
    `  Redis per 1,000 events: ${one.redisRoundTripsPer1000} round trips, ${one.redisCommandsPer1000} commands sent, ${one.redisCommandsInScriptsPer1000} run inside the scripts`,
  );
  const alone = await handlerOnly(makeEvents(EVENTS), 'handler');
  console.log(
    `handler alone (Redis, no Kafka), ${PROJECTS} projects: ${alone.events} events in ${alone.seconds} s = ${alone.eventsPerSec} events/s, ${alone.signals} signals`,
  );
  console.log(
    `  Redis per 1,000 events: ${alone.redisRoundTripsPer1000} round trips, ${alone.redisCommandsPer1000} commands sent, ${alone.redisCommandsInScriptsPer1000} run inside the scripts`,
  );
  // Cost follows the scopes a chunk touches (one script each), not the events: fewer projects, fewer scripts.
  const few = await handlerOnly(makeEvents(EVENTS, 5), 'few');
  console.log(
    `handler alone (Redis, no Kafka), 5 projects: ${few.events} events in ${few.seconds} s = ${few.eventsPerSec} events/s, ${few.signals} signals`,
  );
  console.log(
    `  Redis per 1,000 events: ${few.redisRoundTripsPer1000} round trips, ${few.redisCommandsPer1000} commands sent, ${few.redisCommandsInScriptsPer1000} run inside the scripts`,
  );
  console.log(
    JSON.stringify({
      bench: 'detector',
      projects: PROJECTS,
      chunk: CHUNK,
      instance: one,
      handlerOnly: alone,
      handlerOnly5Projects: few,
    }),
  );
} finally {
  await deleteKeys(`${prefix}:*`);
  await redis.quit();
}
