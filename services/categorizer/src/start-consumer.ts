import { consumerRunOptions } from '@faultline/config';
import { type ErrorEvent, errorEventCodec, topicNames } from '@faultline/contracts';
import {
  type BatchingProducer,
  type createKafka,
  createRedisAttemptLedger,
  type RunConsumerOptions,
  type RunningConsumer,
  runConsumer,
} from '@faultline/kafka';
import type { Logger } from '@faultline/observability';
import type { RedisClient } from '@faultline/redis';
import type { CategorizerConfig } from './config.js';
import { createFirstSeenStore } from './first-seen.js';
import { createBatchHandler } from './handle-batch.js';
import type { CategorizerMetrics } from './metrics.js';
import type { RulesSource } from './rules/rules-source.js';
import { withTestStallHook } from './testing/stall-hook.js';

export interface CategorizerClients {
  kafka: ReturnType<typeof createKafka>;
  producer: BatchingProducer;
  redis: RedisClient;
}

/**
 * The categorizer's consumer: errors.raw -> decode (invalid to dlq) -> categorize, mark
 * first seen, produce to errors.categorized -> commit. Returns once it has joined.
 */
export function startCategorizerConsumer(
  config: Pick<CategorizerConfig, 'kafka' | 'redis' | 'consumer' | 'firstSeen' | 'scrub'>,
  clients: CategorizerClients,
  options: {
    rules: RulesSource;
    logger: Logger;
    metrics?: CategorizerMetrics;
    /** kafkajs consumer settings (session timeout, max wait), e.g. shorter ones in tests. */
    consumer?: RunConsumerOptions<ErrorEvent>['consumer'];
  },
): Promise<RunningConsumer> {
  const topics = topicNames(config.kafka.topicPrefix);
  const firstSeen = createFirstSeenStore(clients.redis, {
    keyPrefix: config.redis.keyPrefix,
    ttlSeconds: config.firstSeen.ttlSeconds,
  });
  const settings = consumerRunOptions(config.consumer);
  return runConsumer({
    ...settings,
    kafka: clients.kafka,
    topics: [topics.errorsRaw],
    codec: errorEventCodec,
    handler: withTestStallHook(
      createBatchHandler({
        rules: options.rules,
        scrub: config.scrub,
        firstSeen,
        producer: clients.producer,
        topic: topics.errorsCategorized,
        metrics: options.metrics,
      }),
      options.logger,
    ),
    dlq: { topic: topics.dlq, producer: clients.producer },
    logger: options.logger,
    consumer: { ...settings.consumer, ...options.consumer },
    attemptLedger: createRedisAttemptLedger(clients.redis, {
      groupId: config.consumer.groupId,
      keyPrefix: config.redis.keyPrefix,
    }),
  });
}
