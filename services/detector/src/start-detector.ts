import { ALERT_SAMPLE_LIMIT, consumerRunOptions } from '@faultline/config';
import {
  type AlertSignal,
  alertEventCodec,
  alertSignalCodec,
  type CategorizedEvent,
  categorizedEventCodec,
  topicNames,
} from '@faultline/contracts';
import {
  type BatchingProducer,
  type ConsumerLiveness,
  combinedLiveness,
  createRedisAttemptLedger,
  type RunningConsumer,
  runConsumer,
} from '@faultline/kafka';
import type { Logger } from '@faultline/observability';
import type { RedisClient } from '@faultline/redis';
import type { Kafka } from 'kafkajs';
import type { DetectorConfig } from './config.js';
import { createFlusher, startFlushTimer } from './flush/flush-due.js';
import { createAlertEventsHandler } from './handle-alert-events.js';
import { createEventsHandler } from './handle-events.js';
import type { DetectorMetrics } from './metrics.js';
import { createWindowStore, type WindowStore } from './store/window-store.js';

export interface DetectorClients {
  kafka: Kafka;
  producer: BatchingProducer;
  redis: RedisClient;
}

export interface RunningDetector {
  store: WindowStore;
  events: RunningConsumer;
  alertEvents: RunningConsumer;
  /** Rejects when either consumer gives up. */
  done: Promise<void>;
  /** Stuck when either consumer is (/healthz). */
  liveness(): ConsumerLiveness;
  /** One pass of the flush timer (the timer runs on its own; tests may call it directly). */
  flushDue(): Promise<number>;
  /** Stops both consumers and the flush timer; each consumer finishes and commits its in-flight chunk. */
  stop(): Promise<void>;
}

/**
 * The detector's two consumers: errors.categorized -> windows -> alerts, and alert-events
 * (resolved) -> clear the active alert. Returns once both have joined their groups.
 */
export async function startDetector(
  config: Pick<DetectorConfig, 'kafka' | 'redis' | 'consumer' | 'detection'>,
  clients: DetectorClients,
  options: { logger: Logger; metrics?: DetectorMetrics; now?: () => number },
): Promise<RunningDetector> {
  const topics = topicNames(config.kafka.topicPrefix);
  const { detection } = config;
  const store = createWindowStore(clients.redis, {
    keyPrefix: config.redis.keyPrefix,
    lateToleranceMs: detection.lateToleranceMs,
    updateIntervalMs: detection.updateIntervalMs,
    alertIdleTtlMs: detection.alertIdleTtlMs,
    maxLogEntries: detection.maxLogEntries,
    sampleLimit: ALERT_SAMPLE_LIMIT,
  });
  const settings = consumerRunOptions(config.consumer);
  const common = {
    ...settings,
    // One ledger for both groups: its keys name the topic, and the two read different topics.
    attemptLedger: createRedisAttemptLedger(clients.redis, {
      groupId: settings.groupId,
      keyPrefix: config.redis.keyPrefix,
    }),
    kafka: clients.kafka,
    dlq: { topic: topics.dlq, producer: clients.producer },
    logger: options.logger,
  };

  const publish = async (signals: AlertSignal[]) => {
    await Promise.all(
      signals.map((signal) =>
        clients.producer.send(topics.alerts, {
          key: signal.dedupKey,
          value: alertSignalCodec.encode(signal),
        }),
      ),
    );
  };
  const signalling = {
    detection,
    store,
    publish,
    sampleLimit: ALERT_SAMPLE_LIMIT,
    metrics: options.metrics,
    now: options.now,
  };
  const events = await runConsumer<CategorizedEvent>({
    ...common,
    topics: [topics.errorsCategorized],
    codec: categorizedEventCodec,
    handler: createEventsHandler(signalling),
  });
  const alertEvents = await runConsumer({
    ...common,
    groupId: `${settings.groupId}-alert-events`,
    topics: [topics.alertEvents],
    codec: alertEventCodec,
    handler: createAlertEventsHandler({ store, metrics: options.metrics }),
  }).catch(async (error: unknown) => {
    await events.stop();
    throw error;
  });

  // Counts an active alert held back reach the alerter even when its burst stops (README, No storm).
  const flushDue = createFlusher(signalling);
  const flushTimer = startFlushTimer(flushDue, {
    intervalMs: detection.flushIntervalMs,
    logger: options.logger,
  });

  return {
    store,
    events,
    alertEvents,
    flushDue,
    done: Promise.all([events.done, alertEvents.done]).then(() => undefined),
    liveness: () => combinedLiveness([events.liveness(), alertEvents.liveness()]),
    stop: async () => {
      await Promise.all([events.stop(), alertEvents.stop(), flushTimer.stop()]);
    },
  };
}
