import type { ClickHouseClient } from '@clickhouse/client';
import { createAuditor } from '@faultline/access';
import { consumerRunOptions } from '@faultline/config';
import { topicNames } from '@faultline/contracts';
import {
  type BatchingProducer,
  type createKafka,
  createRedisAttemptLedger,
  ensureTopics,
  type RunningConsumer,
} from '@faultline/kafka';
import type { Logger } from '@faultline/observability';
import { createRedis } from '@faultline/redis';
import type { Admin } from 'kafkajs';
import type { ResolutionConfig } from './config.js';
import { startResolutionConsumer } from './consumer/resolution-consumer.js';
import type { InvestigateDeps } from './investigation/investigate.js';
import { checkSystemHealth } from './investigation/system-health.js';
import type { TicketRoutesOptions } from './tickets/ticket-routes.js';
import { TicketService } from './tickets/ticket-service.js';
import { TicketStore } from './tickets/ticket-store.js';
import { resolutionTopicSpecs } from './topics.js';

export interface Resolution {
  tickets: TicketRoutesOptions;
  investigation: InvestigateDeps;
  consumer: RunningConsumer;
  /** Stops the consumer, then closes Redis. */
  stop(): Promise<void>;
}

/**
 * Tickets, regressions and investigation wired for main.ts: Redis for current state, the
 * consumer on errors.categorized (`consumer.groupId`), and the API options.
 */
export async function startResolution(
  config: Pick<ResolutionConfig, 'kafka' | 'consumer' | 'redis' | 'tickets' | 'investigation'>,
  clients: {
    kafka: ReturnType<typeof createKafka>;
    admin: Admin;
    producer: BatchingProducer;
    clickhouse: ClickHouseClient;
    logger: Logger;
    now?: () => number;
  },
): Promise<Resolution> {
  const now = clients.now ?? Date.now;
  const topics = topicNames(config.kafka.topicPrefix);
  // Whoever starts first creates the topics: the consumer needs errors.categorized before it subscribes.
  await ensureTopics(clients.admin, resolutionTopicSpecs(config.kafka));
  const redis = createRedis(config.redis, { maxRetriesPerRequest: 3 });
  const store = new TicketStore(
    redis,
    config.redis.keyPrefix,
    config.tickets.lockTtlMs,
    config.tickets.retentionDays * 86_400,
  );
  const service = new TicketService({
    store,
    producer: clients.producer,
    topics,
    clickhouse: clients.clickhouse,
    now,
    bounds: {
      maxSteps: config.tickets.maxSteps,
      maxEventBytes: config.tickets.maxEventBytes,
      maxPerGroup: config.tickets.maxPerGroup,
    },
  });
  const consumer = await startResolutionConsumer({
    kafka: clients.kafka,
    producer: clients.producer,
    topicPrefix: config.kafka.topicPrefix,
    run: consumerRunOptions(config.consumer),
    attemptLedger: createRedisAttemptLedger(redis, {
      groupId: config.consumer.groupId,
      keyPrefix: config.redis.keyPrefix,
    }),
    store,
    service,
    autoSeverities: config.tickets.autoSeverities,
    logger: clients.logger,
  }).catch(async (error: unknown) => {
    redis.disconnect();
    throw error;
  });
  const prefixed = (names: string[]) => names.map((name) => config.kafka.topicPrefix + name);
  return {
    tickets: { service, store, audit: createAuditor(clients.producer, topics.audit).audit },
    investigation: {
      clickhouse: clients.clickhouse,
      now,
      checkHealth: () =>
        checkSystemHealth({
          services: config.investigation.services,
          consumerGroups: Object.fromEntries(
            Object.entries(config.investigation.consumerGroups).map(([group, names]) => [
              group,
              prefixed(names),
            ]),
          ),
          maxHealthyLag: config.investigation.maxHealthyLag,
          probeTimeoutMs: config.investigation.probeTimeoutMs,
          admin: clients.admin,
          redis,
          clickhouse: clients.clickhouse,
        }),
    },
    consumer,
    async stop() {
      await consumer.stop();
      await redis.quit();
    },
  };
}
