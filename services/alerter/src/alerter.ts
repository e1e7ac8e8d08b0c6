import { consumerRunOptions } from '@faultline/config';
import {
  type AlertCommand,
  type AlertSignal,
  alertCommandCodec,
  alertSignalCodec,
  type TicketEvent,
  ticketEventCodec,
  topicNames,
} from '@faultline/contracts';
import {
  type BatchingProducer,
  type ConsumerLiveness,
  combinedLiveness,
  createRedisAttemptLedger,
  type RunConsumerOptions,
  type RunningConsumer,
  runConsumer,
} from '@faultline/kafka';
import type { Logger } from '@faultline/observability';
import type { RedisClient } from '@faultline/redis';
import type { Admin, Kafka } from 'kafkajs';
import { createChannels } from './channels/channels.js';
import type { AlerterConfig } from './config.js';
import { createCommandHandler } from './consumers/handle-commands.js';
import { createSignalHandler } from './consumers/handle-signals.js';
import { createTicketHandler } from './consumers/handle-tickets.js';
import { DeliveryLog } from './delivery/delivery-log.js';
import type { JobContext } from './jobs/job-context.js';
import { runDelivery } from './jobs/run-delivery.js';
import { runStateJob } from './jobs/run-state-job.js';
import { runTicketDelivery } from './jobs/run-ticket-delivery.js';
import { alerterKeys } from './keys.js';
import type { AlerterMetrics } from './metrics.js';
import { Schedule } from './schedule/schedule.js';
import { startScheduler } from './schedule/scheduler.js';
import { SilenceStore } from './silences/silence-store.js';
import { AlertStore } from './state/alert-store.js';
import { Effects } from './state/effects.js';
import { policyFromConfig } from './state/policy.js';
import { TicketNoticeStore } from './tickets/notice-store.js';

/** Created by the caller (main.ts), which also closes them after `stop()`. */
export interface AlerterClients {
  kafka: Kafka;
  /** For the readiness check and the API. */
  admin: Admin;
  producer: BatchingProducer;
  redis: RedisClient;
}

export interface Alerter {
  store: AlertStore;
  silences: SilenceStore;
  schedule: Schedule;
  producer: BatchingProducer;
  redis: RedisClient;
  admin: Admin;
  /** Rejects when a consumer gives up (crash, DLQ limit). */
  done: Promise<void>;
  /** Stuck when any of its consumers is (/healthz). */
  liveness(): ConsumerLiveness;
  /** Consumers first (their batches finish), then the scheduler's jobs in flight; the clients stay open. */
  stop(): Promise<void>;
}

export interface StartAlerterOptions {
  logger: Logger;
  metrics?: AlerterMetrics;
  /** kafkajs consumer settings, e.g. short session timeouts in tests. */
  consumer?: RunConsumerOptions<unknown>['consumer'];
  now?: () => number;
}

/** stores -> scheduler -> consumers, on the caller's clients. Returns once every consumer has joined. */
export async function startAlerter(
  config: AlerterConfig,
  clients: AlerterClients,
  options: StartAlerterOptions,
): Promise<Alerter> {
  const { logger, metrics } = options;
  const now = options.now ?? Date.now;
  const topics = topicNames(config.kafka.topicPrefix);
  const { kafka, admin, producer, redis } = clients;

  const keys = alerterKeys(config.redis.keyPrefix);
  const store = new AlertStore(redis, keys, config.resolvedRetentionSeconds);
  const schedule = new Schedule(redis, keys);
  const silences = new SilenceStore(redis, keys);
  const deliveryLog = new DeliveryLog(redis, keys, {
    attemptLeaseMs: config.scheduler.leaseMs,
    ttlSeconds: config.delivery.logTtlSeconds,
  });
  const ticketNotices = new TicketNoticeStore(redis, keys, config.delivery.logTtlSeconds);
  const channels = createChannels(config);
  const policy = policyFromConfig(config);

  let wake = () => {};
  const effects = new Effects(producer, topics.alertEvents, schedule, () => wake(), metrics);
  const jobContext: JobContext = {
    store,
    schedule,
    silences,
    deliveryLog,
    ticketNotices,
    effects,
    producer,
    eventsTopic: topics.alertEvents,
    channels,
    policy,
    config,
    logger,
    metrics,
    now,
  };
  const scheduler = startScheduler({
    schedule,
    run: (claimed) =>
      claimed.job.kind === 'deliver'
        ? runDelivery(claimed, jobContext)
        : claimed.job.kind === 'ticket'
          ? runTicketDelivery(claimed, jobContext)
          : runStateJob(claimed, jobContext),
    logger: logger.child({ component: 'scheduler' }),
    leaseMs: config.scheduler.leaseMs,
    claimBatch: config.scheduler.claimBatch,
    pollIntervalMs: config.scheduler.pollIntervalMs,
    concurrency: config.delivery.concurrency,
    now,
  });
  wake = () => scheduler.wake();

  const settings = consumerRunOptions(config.consumer);
  const common = {
    ...settings,
    // One ledger for the three groups: its keys name the topic, and each reads its own.
    attemptLedger: createRedisAttemptLedger(redis, {
      groupId: settings.groupId,
      keyPrefix: config.redis.keyPrefix,
    }),
    kafka,
    dlq: { topic: topics.dlq, producer },
    logger,
    consumer: { ...settings.consumer, ...options.consumer },
  };
  const consumers: RunningConsumer[] = [];
  consumers.push(
    await runConsumer<AlertSignal>({
      ...common,
      topics: [topics.alerts],
      codec: alertSignalCodec,
      handler: createSignalHandler({ store, silences, effects, policy, now }),
    }),
  );
  consumers.push(
    await runConsumer<AlertCommand>({
      ...common,
      groupId: `${settings.groupId}.commands`,
      topics: [topics.alertCommands],
      codec: alertCommandCodec,
      handler: createCommandHandler({ store, effects, policy, now }),
    }),
  );
  consumers.push(
    await runConsumer<TicketEvent>({
      ...common,
      groupId: `${settings.groupId}.tickets`,
      topics: [topics.tickets],
      codec: ticketEventCodec,
      handler: createTicketHandler({
        notices: ticketNotices,
        schedule,
        channels: config.tickets.channels,
        maxAgeMs: config.tickets.maxAgeMs,
        onJobsDue: () => wake(),
        logger: logger.child({ component: 'tickets' }),
        metrics,
        now,
      }),
    }),
  );

  let stopping: Promise<void> | undefined;
  async function stop(): Promise<void> {
    stopping ??= (async () => {
      await Promise.allSettled(consumers.map((c) => c.stop()));
      await scheduler.stop();
    })();
    return stopping;
  }

  const done = Promise.all(consumers.map((c) => c.done)).then(() => undefined);
  done.catch(() => {}); // marked handled; callers awaiting `done` still see it
  return {
    store,
    silences,
    schedule,
    producer,
    redis,
    admin,
    done,
    liveness: () => combinedLiveness(consumers.map((consumer) => consumer.liveness())),
    stop,
  };
}
