import type { EachBatchPayload } from 'kafkajs';

/**
 * Always the last step: marks a chunk consumed and commits the offset after it. Call it only
 * once the chunk's side effects (handler, DLQ writes) are done; what is never committed is
 * delivered again.
 */
export async function commitThrough(payload: EachBatchPayload, lastOffset: string): Promise<void> {
  const { topic, partition } = payload.batch;
  payload.resolveOffset(lastOffset);
  // Kafka's committed offset is the next one to read.
  const next = (BigInt(lastOffset) + 1n).toString();
  await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: next }] }] });
}
