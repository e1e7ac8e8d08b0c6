import type { BatchControl, BatchSource, EachBatch } from '../consumer/backend.js';
import type { MemoryBroker } from './memory-broker.js';

export interface MemorySourceOptions {
  groupId: string;
  topics: string[];
  /** Where a group without committed offsets starts. @default false (the log end at start) */
  fromBeginning?: boolean;
  /** Largest batch delivered at once, like a fetch. @default 1000 */
  maxBatchMessages?: number;
  /** A batch that throws is delivered again this many times, then the source crashes (kafkajs's retries without restart). @default Infinity */
  retries?: number;
}

/**
 * The only member of its group on a `MemoryBroker`: owns every partition of its topics and
 * delivers one batch at a time, each from the group's last commit, so an uncommitted batch
 * comes again. Counts heartbeats for tests.
 */
export class MemorySource implements BatchSource {
  heartbeats = 0;
  private stopping = false;
  private killed = false;
  private wakeUp: () => void = () => {};
  private loop: Promise<void> | undefined;

  constructor(
    private readonly broker: MemoryBroker,
    private readonly options: MemorySourceOptions,
  ) {}

  async start(eachBatch: EachBatch, onCrash: (error: Error) => void): Promise<void> {
    const { groupId } = this.options;
    // Where each partition starts when the group never committed there.
    const assigned = this.options.topics.flatMap((topic) =>
      Array.from({ length: this.broker.partitions(topic) }, (_, partition) => ({
        topic,
        partition,
        initial: this.options.fromBeginning ? '0' : this.broker.endOffset(topic, partition),
      })),
    );
    const committer = this.broker.committer(groupId);
    const control: BatchControl = {
      committer: {
        commit: async (offsets) => {
          // A killed member's late commits are refused, as Kafka fences a member that left the group.
          if (this.killed) throw new Error(`${groupId}: this member was killed; commit refused`);
          await committer.commit(offsets);
        },
      },
      heartbeat: async () => {
        this.heartbeats += 1;
      },
      isActive: () => !this.stopping,
    };
    const maxBatch = this.options.maxBatchMessages ?? 1000;
    const retries = this.options.retries ?? Number.POSITIVE_INFINITY;

    this.loop = (async () => {
      let failures = 0;
      while (!this.stopping) {
        let delivered = false;
        for (const { topic, partition, initial } of assigned) {
          if (this.stopping) break;
          const from = this.broker.committed(groupId, topic, partition) ?? initial;
          const messages = this.broker.read(topic, partition, from, maxBatch);
          if (messages.length === 0) continue;
          delivered = true;
          try {
            await eachBatch({ topic, partition, messages }, control);
            failures = 0;
          } catch (error) {
            failures += 1;
            if (failures > retries) {
              onCrash(error instanceof Error ? error : new Error(String(error)));
              return;
            }
          }
        }
        // Like a fetch, every round lets timers and I/O run (a batch left uncommitted comes straight back).
        if (delivered) await new Promise((resolve) => setImmediate(resolve));
        else await this.idle();
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp();
    await this.loop;
  }

  /**
   * The process died (SIGKILL after a stalled handler): stops delivering at once without
   * waiting for the batch in flight, whose commits are refused from now on. A new source on
   * the same broker and group takes over from the last commit.
   */
  kill(): void {
    this.killed = true;
    this.stopping = true;
    this.wakeUp();
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      this.wakeUp = resolve;
      void this.broker.nextMessage().then(resolve);
    });
  }
}
