import type { Chunk, InvalidMessage, PartitionOffset } from './messages.js';

/** Where the commit step writes: kafkajs's offset commit at runtime, memory in tests. */
export interface Committer {
  /** Resolves once the offsets are stored; what is never committed is delivered again. */
  commit(offsets: readonly PartitionOffset[]): Promise<void>;
}

/** Where invalid messages go: the `dlq` topic at runtime, memory in tests. */
export interface DeadLetterSink {
  /** Resolves once every letter is acknowledged; rejecting blocks the commit. */
  send(letters: readonly InvalidMessage[]): Promise<void>;
}

/** What a source offers while one of its batches is processed. */
export interface BatchControl {
  committer: Committer;
  /** Keeps group membership alive during a long step. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or lost the partition: chunks not started are left for the next owner. */
  isActive(): boolean;
}

export type EachBatch = (batch: Chunk, control: BatchControl) => Promise<void>;

/**
 * Delivers batches to the runner: kafkajs at runtime (`kafkajs-source.ts`), memory in tests
 * (`memory/`). A batch that throws is delivered again from the last commit.
 */
export interface BatchSource {
  /** Joins and starts delivering; resolves once running. `onCrash` hears of a failure the source will not recover from. */
  start(eachBatch: EachBatch, onCrash: (error: Error) => void): Promise<void>;
  /** Lets the batch in flight finish, then stops delivering and leaves. */
  stop(): Promise<void>;
}
