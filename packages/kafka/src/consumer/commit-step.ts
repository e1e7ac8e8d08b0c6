import type { Committer } from './backend.js';
import type { ConsumedMessage, PartitionOffset } from './messages.js';

/**
 * Always the last step: commits the offset after each partition's last message. Call it only
 * once the chunk's side effects (handler, dead letters) are done; what is never committed is
 * delivered again.
 */
export async function commitMessages(
  committer: Committer,
  messages: readonly ConsumedMessage[],
): Promise<void> {
  const offsets = nextOffsets(messages);
  if (offsets.length > 0) await committer.commit(offsets);
}

/** Pure: per partition, the offset after the highest one seen (Kafka commits the next offset to read). */
export function nextOffsets(messages: readonly ConsumedMessage[]): PartitionOffset[] {
  const last = new Map<string, PartitionOffset>();
  for (const { topic, partition, offset } of messages) {
    const id = `${topic}\u0000${partition}`;
    const seen = last.get(id);
    if (!seen || BigInt(offset) >= BigInt(seen.offset)) last.set(id, { topic, partition, offset });
  }
  return [...last.values()].map((entry) => ({ ...entry, offset: (BigInt(entry.offset) + 1n).toString() }));
}
