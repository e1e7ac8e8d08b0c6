import type { Committer } from '../consumer/backend.js';
import type { ConsumedMessage, MessageHeaders, PartitionOffset } from '../consumer/messages.js';

export interface MemoryRecord {
  value: Buffer | string | null;
  key?: Buffer | string | null;
  /** @default 0 */
  partition?: number;
  headers?: MessageHeaders;
  /** Milliseconds since the epoch. @default Date.now() */
  timestamp?: string;
}

/**
 * arroyo's local broker: topics as arrays of messages and committed offsets per group, so a
 * consumer chain runs end to end in a unit test. No replication, no rebalances, no retention.
 */
export class MemoryBroker {
  private readonly topics = new Map<string, ConsumedMessage[][]>();
  private readonly offsets = new Map<string, string>();
  private waiting: (() => void)[] = [];
  /** Every commit in order, for tests that check what was committed when. */
  readonly commits: { groupId: string; offsets: PartitionOffset[] }[] = [];

  createTopic(topic: string, partitions = 1): void {
    if (!this.topics.has(topic))
      this.topics.set(
        topic,
        Array.from({ length: partitions }, () => []),
      );
  }

  partitions(topic: string): number {
    return this.log(topic).length;
  }

  /** Appends a record and returns its offset; wakes sources waiting for messages. */
  produce(topic: string, record: MemoryRecord): string {
    const partition = record.partition ?? 0;
    const log = this.log(topic)[partition];
    if (!log) throw new Error(`${topic} has no partition ${partition}`);
    const offset = String(log.length);
    log.push({
      topic,
      partition,
      offset,
      key: toBuffer(record.key ?? null),
      value: toBuffer(record.value),
      timestamp: record.timestamp ?? String(Date.now()),
      headers: record.headers ?? {},
    });
    for (const wake of this.waiting.splice(0)) wake();
    return offset;
  }

  /** Up to `max` messages from `from` on. */
  read(topic: string, partition: number, from: string, max: number): ConsumedMessage[] {
    const start = Number(from);
    return (this.log(topic)[partition] ?? []).slice(start, start + max);
  }

  /** The log end: the offset the next message will get. */
  endOffset(topic: string, partition: number): string {
    return String(this.log(topic)[partition]?.length ?? 0);
  }

  /** The group's committed offset (next to read), undefined when it never committed there. */
  committed(groupId: string, topic: string, partition: number): string | undefined {
    return this.offsets.get(offsetKey(groupId, topic, partition));
  }

  committer(groupId: string): Committer {
    return {
      commit: async (offsets) => {
        for (const { topic, partition, offset } of offsets)
          this.offsets.set(offsetKey(groupId, topic, partition), offset);
        this.commits.push({ groupId, offsets: [...offsets] });
      },
    };
  }

  /** Resolves at the next produce. */
  nextMessage(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private log(topic: string): ConsumedMessage[][] {
    const log = this.topics.get(topic);
    if (!log) throw new Error(`unknown topic ${topic}`);
    return log;
  }
}

const offsetKey = (groupId: string, topic: string, partition: number) =>
  `${groupId}\u0000${topic}\u0000${partition}`;

const toBuffer = (value: Buffer | string | null): Buffer | null =>
  typeof value === 'string' ? Buffer.from(value) : value;
