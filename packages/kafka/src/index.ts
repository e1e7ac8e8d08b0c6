export { type EnsureTopicsReport, ensureTopics } from './admin/ensure-topics.js';
export {
  DEFAULT_PARTITIONS,
  type DefaultTopicSpecsOptions,
  defaultTopicSpecs,
  serviceTopicSpecs,
  type TopicSpec,
} from './admin/topic-specs.js';
export { type PartitionTarget, waitForPartitions } from './admin/wait-for-partitions.js';
export { type CreateKafkaOptions, createKafka, kafkajsLevelFor, pinoLogCreator } from './client.js';
export { computeLag, consumerLag, type PartitionLag } from './consumer/consumer-lag.js';
export { buildDeadLetter, DLQ_HEADERS, deadLetterRecord } from './consumer/dead-letter.js';
export type { DlqLimitOptions } from './consumer/dlq-limit.js';
export type { ConsumedMessage, InvalidMessage } from './consumer/messages.js';
export {
  type BatchHandler,
  type HandlerContext,
  type HandlerResult,
  type RunConsumerOptions,
  type RunningConsumer,
  runConsumer,
} from './consumer/run-consumer.js';
export { FaultlineKafkaError, isKafkaError, type KafkaErrorCode } from './errors.js';
export type { Timer } from './producer/accumulator.js';
export type { DeliveryReport } from './producer/batch-assembly.js';
export {
  type BatchingProducer,
  type BatchingProducerOptions,
  createBatchingProducer,
  type OutgoingMessage,
  type ProducerMetrics,
} from './producer/batching-producer.js';
