import type { Message, RecordMetadata, TopicMessages } from 'kafkajs';

export interface BatchLimits {
  maxBatchMessages: number;
  maxBatchBytes: number;
}

export interface QueuedMessage {
  topic: string;
  message: Message;
  bytes: number;
}

export interface DeliveryReport {
  topic: string;
  partition: number;
  offset: string;
}

/** Kafka's per-record framing (lengths, varints, attributes), roughly; only used to stay under the byte cap. */
const RECORD_OVERHEAD_BYTES = 64;

/** What one message counts against `maxBatchBytes`. */
export function messageBytes(message: Message): number {
  let bytes = RECORD_OVERHEAD_BYTES + byteLength(message.key) + byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    bytes += Buffer.byteLength(name);
    for (const item of Array.isArray(value) ? value : [value]) bytes += byteLength(item);
  }
  return bytes;
}

function byteLength(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

export function isBatchFull(count: number, bytes: number, limits: BatchLimits): boolean {
  return count >= limits.maxBatchMessages || bytes >= limits.maxBatchBytes;
}

/** How many items from the head of the queue form the next batch: at least one, never past either cap. */
export function nextBatchLength(queue: readonly { bytes: number }[], limits: BatchLimits): number {
  let bytes = 0;
  let count = 0;
  for (const item of queue) {
    if (count >= limits.maxBatchMessages) break;
    if (count > 0 && bytes + item.bytes > limits.maxBatchBytes) break;
    bytes += item.bytes;
    count += 1;
  }
  return count;
}

/** One entry per topic, messages in queue order (kafkajs keeps that order within a partition). */
export function groupByTopic(batch: readonly QueuedMessage[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const { topic, message } of batch) {
    const messages = byTopic.get(topic);
    if (messages) messages.push(message);
    else byTopic.set(topic, [message]);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/**
 * Each item's own offset: a partition's messages are appended in batch order from that
 * partition's `baseOffset`. Needs `message.partition`, which the recording partitioner sets.
 */
export function assignOffsets(
  batch: readonly QueuedMessage[],
  metadata: readonly RecordMetadata[],
): DeliveryReport[] {
  const next = new Map<string, bigint>();
  for (const record of metadata) {
    if (record.baseOffset === undefined)
      throw new Error(`no baseOffset for ${record.topicName}/${record.partition}`);
    next.set(`${record.topicName}/${record.partition}`, BigInt(record.baseOffset));
  }
  return batch.map(({ topic, message }) => {
    const { partition } = message;
    if (partition === undefined) throw new Error(`no partition recorded for a message to ${topic}`);
    const key = `${topic}/${partition}`;
    const offset = next.get(key);
    if (offset === undefined) throw new Error(`broker reported no offset for ${key}`);
    next.set(key, offset + 1n);
    return { topic, partition, offset: offset.toString() };
  });
}
