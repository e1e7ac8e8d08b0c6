import type { Admin } from 'kafkajs';

export interface PartitionLag {
  topic: string;
  partition: number;
  /** The group's committed offset; null when it has committed nothing there. */
  committed: string | null;
  /** The log end offset (next offset to be written). */
  high: string;
  /** Messages not yet committed; from the low watermark when nothing is committed. */
  lag: number;
}

/** Pure: committed offsets against watermarks. kafkajs reports "no commit" as "-1". */
export function computeLag(
  topic: string,
  committed: readonly { partition: number; offset: string }[],
  watermarks: readonly { partition: number; high: string; low: string }[],
): PartitionLag[] {
  const committedBy = new Map(committed.map(({ partition, offset }) => [partition, offset]));
  return watermarks
    .map(({ partition, high, low }) => {
      const offset = committedBy.get(partition);
      const hasCommit = offset !== undefined && BigInt(offset) >= 0n;
      const from = hasCommit ? BigInt(offset) : BigInt(low);
      const lag = BigInt(high) - from;
      return {
        topic,
        partition,
        committed: hasCommit ? offset : null,
        high,
        lag: Number(lag > 0n ? lag : 0n),
      };
    })
    .sort((a, b) => a.partition - b.partition);
}

/** Per-partition lag of a group on some topics, for metrics and health checks. */
export async function consumerLag(admin: Admin, groupId: string, topics: string[]): Promise<PartitionLag[]> {
  const committed = await admin.fetchOffsets({ groupId, topics });
  const lags = await Promise.all(
    topics.map(async (topic) => {
      const watermarks = await admin.fetchTopicOffsets(topic);
      const partitions = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
      return computeLag(topic, partitions, watermarks);
    }),
  );
  return lags.flat();
}
