import type { Kafka } from 'kafkajs';
import type { BatchingProducer } from '../producer/batching-producer.js';
import { type ConsumeOptions, consume, type RunningConsumer } from './consume.js';
import { producerDeadLetters } from './dead-letter.js';
import { type KafkajsSourceOptions, kafkajsSource } from './kafkajs-source.js';

export interface RunConsumerOptions<T>
  extends Omit<ConsumeOptions<T>, 'deadLetters'>,
    Omit<KafkajsSourceOptions, 'logger'> {
  kafka: Kafka;
  dlq: { topic: string; producer: BatchingProducer };
}

/**
 * A Kafka consumer group running the chunk chain (decode -> handler -> DLQ limit -> dead
 * letters -> commit, see `chunk-chain.ts`), dead-lettering to `dlq.topic`. Resolves once joined.
 */
export function runConsumer<T>(options: RunConsumerOptions<T>): Promise<RunningConsumer> {
  const logger = options.logger.child({ groupId: options.groupId });
  return consume(kafkajsSource({ ...options, logger }), {
    ...options,
    logger,
    deadLetters: producerDeadLetters(options.dlq.producer, options.dlq.topic, options.groupId),
  });
}
