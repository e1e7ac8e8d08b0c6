import { type BatchLimits, isBatchFull, nextBatchLength } from './batch-assembly.js';

/** setTimeout/clearTimeout, injectable so linger behaviour is tested without sleeping. */
export interface Timer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimer: Timer = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface AccumulatorLimits extends BatchLimits {
  lingerMs: number;
}

/**
 * Holds queued items until a batch is ready: the oldest item has lingered `lingerMs`, a cap
 * is reached. It never sends; `onReady` tells its owner to `take()`.
 * Once ready, it stays ready until emptied, so a backlog built up behind an in-flight batch
 * goes out as soon as that batch settles.
 */
export class Accumulator<T extends { bytes: number }> {
  private items: T[] = [];
  private queuedBytes = 0;
  private lingerHandle: unknown;
  private lingered = false;

  constructor(
    private readonly limits: AccumulatorLimits,
    private readonly timer: Timer,
    private readonly onReady: () => void,
  ) {}

  get length(): number {
    return this.items.length;
  }

  add(item: T): void {
    this.items.push(item);
    this.queuedBytes += item.bytes;
    if (this.lingerHandle === undefined && !this.lingered) {
      this.lingerHandle = this.timer.set(() => {
        this.lingerHandle = undefined;
        this.lingered = true;
        this.onReady();
      }, this.limits.lingerMs);
    }
    if (isBatchFull(this.items.length, this.queuedBytes, this.limits)) this.onReady();
  }

  isReady(): boolean {
    if (this.items.length === 0) return false;
    return this.lingered || isBatchFull(this.items.length, this.queuedBytes, this.limits);
  }

  take(): T[] {
    const batch = this.items.splice(0, nextBatchLength(this.items, this.limits));
    for (const item of batch) this.queuedBytes -= item.bytes;
    if (this.items.length === 0) {
      this.lingered = false;
      if (this.lingerHandle !== undefined) this.timer.clear(this.lingerHandle);
      this.lingerHandle = undefined;
    }
    return batch;
  }
}
