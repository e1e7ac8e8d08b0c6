import { loadConfig } from '@faultline/config';
import { type AlertSignal, alertSignalCodec, type CategorizedEvent } from '@faultline/contracts';
import { type BatchingProducer, createBatchingProducer, createKafka } from '@faultline/kafka';
import { createLogger } from '@faultline/observability';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DetectorConfig } from '../src/config.js';
import { type RunningDetector, startDetector } from '../src/start-detector.js';
import { dueIndexKey, scopeKeys } from '../src/store/window-store.js';
import { categorized } from './support/events.js';
import { Harness } from './support/harness.js';
import { infraEndpoints, waitFor } from './support/infra.js';

const INTERVAL = 60_000;
const logger = createLogger({ service: 'detector-flush-test', level: process.env.LOG_LEVEL ?? 'silent' });

/**
 * Two detector replicas in one process, sharing Redis and one consumer group, on a clock the
 * test moves: the interval passes when the test says so, not with the machine's speed.
 */
describe('flush of held-back counts, two replicas on Kafka and Redis', () => {
  const harness = new Harness();
  let clock = Date.now();
  const replicas: { detector: RunningDetector; producer: BatchingProducer; redis: Redis }[] = [];
  let stopped = false;
  const stopReplicas = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(replicas.map(({ detector }) => detector.stop()));
  };

  beforeAll(async () => {
    await harness.start();
    const endpoints = infraEndpoints();
    const config = loadConfig(DetectorConfig, {
      env: {
        KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
        REDIS_URL: endpoints.redisUrl,
        FAULTLINE_TOPIC_PREFIX: harness.prefix,
        FAULTLINE_REDIS_KEY_PREFIX: harness.keyPrefix,
        FAULTLINE_CONSUMER_GROUP_ID: harness.groupId,
        FAULTLINE_CONSUMER_FROM_BEGINNING: 'true',
        FAULTLINE_CONSUMER_SESSION_TIMEOUT_MS: '6000',
        FAULTLINE_CONSUMER_HEARTBEAT_INTERVAL_MS: '500',
        FAULTLINE_CONSUMER_MAX_WAIT_MS: '100',
        FAULTLINE_DETECTION_UPDATE_INTERVAL_MS: String(INTERVAL),
        FAULTLINE_DETECTION_FLUSH_INTERVAL_MS: '100',
      },
    });
    await Promise.all(
      ['a', 'b'].map(async (name) => {
        const kafka = createKafka({
          brokers: config.kafka.brokers,
          clientId: `${harness.prefix}${name}`,
          logger,
        });
        const producer = await createBatchingProducer(kafka, { logger });
        const redis = new Redis(endpoints.redisUrl, { maxRetriesPerRequest: 3 });
        const detector = await startDetector(
          config,
          { kafka, producer, redis },
          { logger, now: () => clock },
        );
        replicas.push({ detector, producer, redis });
      }),
    );
    await harness.waitForMembers(2);
  }, 120_000);
  afterAll(async () => {
    await stopReplicas();
    for (const { producer, redis } of replicas) {
      await producer.close();
      await redis.quit();
    }
    await harness.close();
  }, 60_000);

  const events = (count: number): CategorizedEvent[] =>
    Array.from({ length: count }, (_, i) =>
      categorized({
        projectId: 'calm',
        groupId: `${i % 4}`.repeat(16),
        component: i % 2 ? 'api' : 'payment',
        timestamp: new Date(clock - 1000).toISOString(),
      }),
    );
  const signals = (): AlertSignal[] => harness.signalsFor('calm:high');

  it('sends the final counts once the interval has passed without events, exactly once', async () => {
    await harness.produceEvents(events(5));
    await waitFor(() => signals().some((s) => s.kind === 'new'), 30_000, 'the alert');
    await harness.produceEvents(events(3));
    await harness.waitForCommitted(harness.topics.errorsCategorized);

    // Inside the interval the three are held back: due in the index, nothing sent yet.
    const state = scopeKeys(harness.keyPrefix, { projectId: 'calm', severity: 'high' }).state;
    expect(await harness.redis.hmget(state, 'count', 'pending')).toEqual(['8', '3']);
    expect(await harness.redis.zcard(dueIndexKey(harness.keyPrefix))).toBe(1);
    expect(signals().map((s) => s.kind)).toEqual(['new']);

    // Silence until the interval has passed: both replicas' timers race for the flush.
    clock += INTERVAL;
    await waitFor(() => signals().some((s) => s.kind === 'update'), 30_000, 'the flushed update');
    const [opened, update] = signals();
    expect(update).toMatchObject({
      kind: 'update',
      alertId: opened?.alertId,
      errorCount: 8,
      message: 'HIGH: 8 errors detected',
      affectedComponents: ['api', 'payment'],
      window: { sizeMs: 300_000, threshold: 5 },
    });
    expect(update?.samples.length).toBeGreaterThan(0);

    // Nothing is held back any more, and a later pass of either replica sends nothing.
    clock += 2 * INTERVAL;
    const passes = await Promise.all(replicas.map(({ detector }) => detector.flushDue()));
    expect(passes).toEqual([0, 0]);
    expect(await harness.redis.hget(state, 'pending')).toBe('0');
    expect(await harness.redis.zcard(dueIndexKey(harness.keyPrefix))).toBe(0);

    // Stopped replicas have every signal acknowledged; a marker behind them on the same
    // partition (same key) proves the reader has seen all of them.
    await stopReplicas();
    const marker = { ...(update as AlertSignal), alertId: 'marker' };
    await replicas[0]?.producer.send(harness.topics.alerts, {
      key: marker.dedupKey,
      value: alertSignalCodec.encode(marker),
    });
    await waitFor(() => signals().some((s) => s.alertId === 'marker'), 30_000, 'the marker');
    expect(
      signals()
        .filter((s) => s.alertId !== 'marker')
        .map((s) => s.kind),
    ).toEqual(['new', 'update']);
  }, 90_000);
});
