import type { AttemptLedger, PartitionRef } from '../attempts/attempt-ledger.js';
import {
  type AttemptKind,
  type AttemptStatus,
  beginChunk,
  beginMessage,
  type Failure,
  failAttempt,
  type PartitionAttempts,
} from '../attempts/attempt-record.js';

/** The attempt ledger in a Map: shared by consumers in one test, it survives a simulated restart. */
export class MemoryAttemptLedger implements AttemptLedger {
  private readonly partitions = new Map<string, PartitionAttempts>();

  async beginChunk(partition: PartitionRef, offset: string): Promise<AttemptStatus> {
    const { state, status } = beginChunk(this.get(partition), offset);
    this.partitions.set(idOf(partition), state);
    return status;
  }

  async beginMessage(partition: PartitionRef, offset: string, chunkFailures: number): Promise<AttemptStatus> {
    const { state, status } = beginMessage(this.get(partition), offset, chunkFailures);
    this.partitions.set(idOf(partition), state);
    return status;
  }

  async fail(partition: PartitionRef, kind: AttemptKind, offset: string, failure: Failure): Promise<void> {
    this.partitions.set(idOf(partition), failAttempt(this.get(partition), kind, offset, failure));
  }

  /** What is remembered for a partition, for tests. */
  get(partition: PartitionRef): PartitionAttempts {
    return this.partitions.get(idOf(partition)) ?? {};
  }
}

const idOf = ({ topic, partition }: PartitionRef) => `${topic}\u0000${partition}`;
