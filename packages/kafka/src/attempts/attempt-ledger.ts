import type { AttemptKind, AttemptStatus, Failure } from './attempt-record.js';

/** One partition of the consuming group (the ledger is made for one group). */
export interface PartitionRef {
  topic: string;
  partition: number;
}

/**
 * Remembers attempts at a partition's chunk and message outside the process, so a handler
 * that blocks the event loop (the process is killed and restarted, or the partition moves to
 * another replica) still counts against the message. Redis at runtime, memory in tests.
 */
export interface AttemptLedger {
  /** Records that an attempt at the chunk starting at `offset` begins. */
  beginChunk(partition: PartitionRef, offset: string): Promise<AttemptStatus>;
  /** Records that an attempt at the message alone begins; the chunk from here keeps `chunkFailures`. */
  beginMessage(partition: PartitionRef, offset: string, chunkFailures: number): Promise<AttemptStatus>;
  /** Records that the attempt begun at `offset` failed. */
  fail(partition: PartitionRef, kind: AttemptKind, offset: string, failure: Failure): Promise<void>;
}
