import type { Admin } from 'kafkajs';

export interface PartitionTarget {
  topic: string;
  partitions: number;
}

/**
 * KRaft brokers learn about new topics and partitions asynchronously: just after a create,
 * metadata may still say "unknown topic" or show the old partition count (kafkajs's own
 * `waitForLeaders` gives up on the former). Polls until every partition has a leader.
 */
export async function waitForPartitions(
  admin: Admin,
  targets: readonly PartitionTarget[],
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no metadata yet';
  for (;;) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: targets.map((target) => target.topic) });
      const led = new Map(
        topics.map((topic) => [
          topic.name,
          topic.partitions.filter((partition) => partition.leader >= 0).length,
        ]),
      );
      const behind = targets.filter((target) => (led.get(target.topic) ?? 0) < target.partitions);
      if (behind.length === 0) return;
      lastProblem = behind
        .map(
          (target) =>
            `${target.topic} has ${led.get(target.topic) ?? 0}/${target.partitions} partitions with a leader`,
        )
        .join('; ');
    } catch (error) {
      if ((error as { type?: string }).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw error;
      lastProblem = (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`topics not ready after ${timeoutMs} ms: ${lastProblem}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
