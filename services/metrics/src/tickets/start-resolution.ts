import type { ClickHouseClient } from '@clickhouse/client';
import { topicNames } from '@faultline/contracts';
import {
  type BatchingProducer,
  type createKafka,
  ensureTopics,
  type RunningConsumer,
  serviceTopicSpecs,
} from '@faultline/kafka';
import type { Logger } from '@faultline/observability';
import { createRedis } from '@faultline/redis';
import type { Admin } from 'kafkajs';
import type { MetricsConfig } from '../config.js';
import type { InvestigateDeps } from '../investigation/investigate.js';
import { checkSystemHealth } from '../investigation/system-health.js';
import { startResolutionConsumer } from '../regressions/resolution-consumer.js';
import type { TicketRoutesOptions } from './ticket-routes.js';
import { TicketService } from './ticket-service.js';
import { TicketStore } from './ticket-store.js';

export interface Resolution {
  tickets: TicketRoutesOptions;
  investigation: InvestigateDeps;
  consumer: RunningConsumer;
  /** Stops the consumer, then closes Redis. */
  stop(): Promise<void>;
}

/**
 * Tickets, regressions and investigation wired for main.ts: Redis for current state, the
 * `<groupId>.resolution` consumer on errors.categorized, and the API options.
 */
export async function startResolution(
  config: Pick<MetricsConfig, 'kafka' | 'consumer' | 'redis' | 'tickets' | 'investigation'>,
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
  // Topics this part writes; the alerter creates them too, whoever starts first wins.
  await ensureTopics(clients.admin, serviceTopicSpecs(config.kafka, ['alerts', 'alertCommands', 'tickets']));
  const redis = createRedis(config.redis, { maxRetriesPerRequest: 3 });
  const store = new TicketStore(redis, config.redis.keyPrefix, config.tickets.lockTtlMs);
  const service = new TicketService({
    store,
    producer: clients.producer,
    topics,
    clickhouse: clients.clickhouse,
    now,
  });
  const consumer = await startResolutionConsumer({
    kafka: clients.kafka,
    producer: clients.producer,
    topicPrefix: config.kafka.topicPrefix,
    groupId: `${config.consumer.groupId}.resolution`,
    store,
    service,
    autoSeverities: config.tickets.autoSeverities,
    logger: clients.logger,
    fromBeginning: config.tickets.fromBeginning,
  }).catch(async (error: unknown) => {
    redis.disconnect();
    throw error;
  });
  const prefixed = (names: string[]) => names.map((name) => config.kafka.topicPrefix + name);
  return {
    tickets: { service, store },
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
