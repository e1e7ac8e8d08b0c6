export { type EnsureTopicsReport, ensureTopics } from './admin/ensure-topics.js';
export {
  DEFAULT_PARTITIONS,
  type DefaultTopicSpecsOptions,
  defaultTopicSpecs,
  serviceTopicSpecs,
  type TopicSpec,
} from './admin/topic-specs.js';
export { type PartitionTarget, waitForPartitions } from './admin/wait-for-partitions.js';
export type { AttemptLedger, PartitionRef } from './attempts/attempt-ledger.js';
export type {
  AttemptKind,
  AttemptRecord,
  AttemptStatus,
  PartitionAttempts,
} from './attempts/attempt-record.js';
export { createRedisAttemptLedger, type RedisAttemptLedgerOptions } from './attempts/redis-attempt-ledger.js';
export { type CreateKafkaOptions, createKafka, kafkajsLevelFor, pinoLogCreator } from './client.js';
export { stalledReason } from './consumer/attempt-step.js';
export type { BatchControl, BatchSource, Committer, DeadLetterSink, EachBatch } from './consumer/backend.js';
export { type ConsumeOptions, consume, type RunningConsumer } from './consumer/consume.js';
export { computeLag, consumerLag, type PartitionLag } from './consumer/consumer-lag.js';
export {
  buildDeadLetter,
  DLQ_HEADERS,
  deadLetterRecord,
  producerDeadLetters,
} from './consumer/dead-letter.js';
export type { DlqLimitOptions } from './consumer/dlq-limit.js';
export type { BatchHandler, HandlerContext, HandlerResult } from './consumer/handler-step.js';
export { type KafkajsSourceOptions, kafkajsSource } from './consumer/kafkajs-source.js';
export type {
  Chunk,
  ConsumedMessage,
  InvalidMessage,
  MessageHeaders,
  PartitionOffset,
} from './consumer/messages.js';
export { isOutage } from './consumer/outage.js';
export { type ConsumerLiveness, combinedLiveness } from './consumer/progress.js';
export { type RunConsumerOptions, runConsumer } from './consumer/run-consumer.js';
export { FaultlineKafkaError, isKafkaError, type KafkaErrorCode } from './errors.js';
export { MemoryAttemptLedger } from './memory/memory-attempt-ledger.js';
export { MemoryBroker, type MemoryRecord } from './memory/memory-broker.js';
export { MemoryDeadLetters } from './memory/memory-dead-letters.js';
export { MemorySource, type MemorySourceOptions } from './memory/memory-source.js';
export type { Timer } from './producer/accumulator.js';
export type { DeliveryReport } from './producer/batch-assembly.js';
export {
  type BatchingProducer,
  type BatchingProducerOptions,
  createBatchingProducer,
  type OutgoingMessage,
  type ProducerMetrics,
} from './producer/batching-producer.js';
