import {
  CompressionTypes,
  type ICustomPartitioner,
  type IHeaders,
  type Kafka,
  Partitioners,
  type Producer,
} from 'kafkajs';
import type { Logger } from 'pino';
import { FaultlineKafkaError } from '../errors.js';
import { Accumulator, realTimer, type Timer } from './accumulator.js';
import {
  assignOffsets,
  type DeliveryReport,
  groupByTopic,
  messageBytes,
  type QueuedMessage,
} from './batch-assembly.js';

export interface BatchingProducerOptions {
  /** How long the first message of a batch waits for company before the batch goes. @default 5 */
  lingerMs?: number;
  /** @default 1000 */
  maxBatchMessages?: number;
  /** Keep under the broker's `message.max.bytes` per partition. @default 1048576 */
  maxBatchBytes?: number;
  /** Messages accepted but not yet acknowledged (queued or in flight) before `whenFull` applies. @default 10000 */
  maxPendingMessages?: number;
  /** 'wait': `send` waits for room (backpressure); 'reject': `send` fails at once with FL_KAFKA_BUFFER_FULL. @default 'wait' */
  whenFull?: 'wait' | 'reject';
  /** @default 'none' */
  compression?: 'none' | 'gzip';
  /** How long the broker may take to get acks from all in-sync replicas. @default 30000 */
  ackTimeoutMs?: number;
  /** Retries of a batch before its callers are rejected; finite, so a dead cluster shows up as errors rather than a hang. @default 5 */
  retries?: number;
  logger?: Logger;
  /** @default setTimeout/clearTimeout */
  timer?: Timer;
}

export interface OutgoingMessage {
  key?: string | Buffer | null;
  value: string | Buffer | null;
  headers?: IHeaders;
  /** Normally left to the default (murmur2 of the key) partitioner. */
  partition?: number;
}

export interface ProducerMetrics {
  /** `sendBatch` calls that were acknowledged. */
  batchesSent: number;
  batchesFailed: number;
  messagesSent: number;
  messagesFailed: number;
  /** Accepted, not yet settled. */
  pending: number;
}

export interface BatchingProducer {
  /** Resolves once the message is acknowledged by all in-sync replicas; rejects if its batch failed. */
  send(topic: string, message: OutgoingMessage): Promise<DeliveryReport>;
  /** Sends everything accepted so far without waiting for linger; resolves when all of it has settled. */
  flush(): Promise<void>;
  /** Refuses new messages, drains the pending ones, disconnects. */
  close(): Promise<void>;
  metrics(): ProducerMetrics;
}

interface PendingSend extends QueuedMessage {
  resolve(report: DeliveryReport): void;
  reject(error: Error): void;
}

/**
 * kafkajs picks partitions inside `sendBatch`; writing the choice onto the message tells each
 * caller where its record landed and keeps the choice stable if kafkajs retries the batch.
 */
const recordingPartitioner: ICustomPartitioner = () => {
  const choose = Partitioners.DefaultPartitioner();
  return (args) => {
    const partition = choose(args);
    args.message.partition = partition;
    return partition;
  };
};

/**
 * Gathers concurrent `send` calls into one `sendBatch` (acks = all, idempotent). One batch is
 * in flight at a time: kafkajs assigns idempotence sequence numbers per request, and a single
 * in-flight batch keeps per-partition order without relying on broker-side reordering.
 */
export async function createBatchingProducer(
  kafka: Kafka,
  options: BatchingProducerOptions = {},
): Promise<BatchingProducer> {
  const limits = {
    lingerMs: options.lingerMs ?? 5,
    maxBatchMessages: options.maxBatchMessages ?? 1000,
    maxBatchBytes: options.maxBatchBytes ?? 1_048_576,
  };
  const maxPending = options.maxPendingMessages ?? 10_000;
  const whenFull = options.whenFull ?? 'wait';
  const compression = options.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None;
  const ackTimeoutMs = options.ackTimeoutMs ?? 30_000;
  const logger = options.logger;

  const newProducer = async (): Promise<Producer> => {
    const created = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 5,
      allowAutoTopicCreation: false,
      retry: { retries: options.retries ?? 5 },
      createPartitioner: recordingPartitioner,
    });
    await created.connect();
    return created;
  };
  let producer = await newProducer();
  /**
   * After a failed batch the broker may still have written it. kafkajs then rewinds the
   * partition's sequence number, so the next batch of the same size would look like a
   * retry of the failed one and be acknowledged without being written. A new producer id
   * starts fresh sequences, so nothing acknowledged can be dropped as a duplicate.
   */
  let sequencesUncertain = false;

  const metrics: ProducerMetrics = {
    batchesSent: 0,
    batchesFailed: 0,
    messagesSent: 0,
    messagesFailed: 0,
    pending: 0,
  };
  const accumulator = new Accumulator<PendingSend>(limits, options.timer ?? realTimer, () => drain());
  const spaceWaiters: (() => void)[] = [];
  const idleWaiters: (() => void)[] = [];
  let inFlight = false;
  let closing = false;
  let closed: Promise<void> | undefined;

  function drain(): void {
    if (inFlight) return;
    // A pending flush makes whatever is queued ready, whatever its age.
    const flushing = idleWaiters.length > 0 && accumulator.length > 0;
    if (!accumulator.isReady() && !flushing) {
      if (metrics.pending === 0) for (const wake of idleWaiters.splice(0)) wake();
      return;
    }
    const batch = accumulator.take();
    inFlight = true;
    void sendBatch(batch).finally(() => {
      inFlight = false;
      release(batch.length);
      // Callers just resolved usually send again at once (microtasks); draining after them
      // gives full batches instead of a full one alternating with the leftovers.
      setImmediate(drain);
    });
  }

  async function sendBatch(batch: PendingSend[]): Promise<void> {
    try {
      if (sequencesUncertain) {
        await producer.disconnect().catch(() => {});
        producer = await newProducer();
        sequencesUncertain = false;
      }
      const metadata = await producer.sendBatch({
        acks: -1,
        timeout: ackTimeoutMs,
        compression,
        topicMessages: groupByTopic(batch),
      });
      const reports = assignOffsets(batch, metadata);
      metrics.batchesSent += 1;
      metrics.messagesSent += batch.length;
      for (const [index, item] of batch.entries()) item.resolve(reports[index] as DeliveryReport);
    } catch (cause) {
      sequencesUncertain = true;
      metrics.batchesFailed += 1;
      metrics.messagesFailed += batch.length;
      const error = new FaultlineKafkaError(
        'FL_KAFKA_PRODUCE_FAILED',
        `a batch of ${batch.length} messages was not acknowledged: ${(cause as Error).message}`,
        { cause },
      );
      logger?.error(
        { err: error, messages: batch.length },
        'produce failed; rejecting every caller of the batch',
      );
      for (const item of batch) item.reject(error);
    }
  }

  /** Takes one slot of the pending budget, or waits (FIFO) for one, or refuses. */
  async function admit(): Promise<void> {
    if (metrics.pending < maxPending && spaceWaiters.length === 0) {
      metrics.pending += 1;
      return;
    }
    if (whenFull === 'reject') {
      throw new FaultlineKafkaError(
        'FL_KAFKA_BUFFER_FULL',
        `${metrics.pending} messages are already waiting for Kafka (maxPendingMessages ${maxPending})`,
      );
    }
    await new Promise<void>((resolve) => spaceWaiters.push(resolve));
  }

  /** Hands freed slots straight to waiting callers, so a new `send` cannot jump the queue. */
  function release(count: number): void {
    metrics.pending -= count;
    while (metrics.pending < maxPending && spaceWaiters.length > 0) {
      metrics.pending += 1;
      spaceWaiters.shift()?.();
    }
  }

  async function send(topic: string, message: OutgoingMessage): Promise<DeliveryReport> {
    if (closing)
      throw new FaultlineKafkaError('FL_KAFKA_PRODUCER_CLOSED', 'the producer is closing; no new messages');
    // A copy: the partitioner writes the chosen partition onto it.
    const copy = {
      key: message.key,
      value: message.value,
      headers: message.headers,
      partition: message.partition,
    };
    const bytes = messageBytes(copy);
    if (bytes > limits.maxBatchBytes) {
      throw new FaultlineKafkaError(
        'FL_KAFKA_MESSAGE_TOO_LARGE',
        `message of ${bytes} bytes exceeds maxBatchBytes ${limits.maxBatchBytes}`,
      );
    }
    await admit();
    const delivered = new Promise<DeliveryReport>((resolve, reject) =>
      accumulator.add({ topic, message: copy, bytes, resolve, reject }),
    );
    // During a flush nothing waits for linger, including messages admitted after it began.
    if (idleWaiters.length > 0) drain();
    return delivered;
  }

  async function flush(): Promise<void> {
    if (metrics.pending === 0 && spaceWaiters.length === 0) return;
    const idle = new Promise<void>((resolve) => idleWaiters.push(resolve));
    drain();
    await idle;
  }

  function close(): Promise<void> {
    closing = true;
    closed ??= flush().then(() => producer.disconnect());
    return closed;
  }

  return { send, flush, close, metrics: () => ({ ...metrics }) };
}
