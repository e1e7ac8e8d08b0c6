import { type BackoffOptions, isRetryable, retryDelayMs } from './retry.js';
import type { Transport } from './transport.js';
import type { FaultlineEvent } from './types.js';

export interface QueueOptions {
  /** Events per request. @default 20 */
  maxBatch: number;
  /** How long an event may wait for others to share its request. @default 1000 */
  flushIntervalMs: number;
  /** Events held while ingest is unreachable; the oldest are dropped past it. @default 100 */
  maxQueue: number;
  /** Tries of one batch before it is dropped. @default 5 */
  maxAttempts: number;
  backoff: BackoffOptions;
  random: () => number;
  /** Node lets the process exit with timers pending; the process handlers flush instead. */
  unrefTimers: boolean;
  onDrop?: (events: FaultlineEvent[], reason: string) => void;
}

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = {
  maxBatch: 20,
  flushIntervalMs: 1000,
  maxQueue: 100,
  maxAttempts: 5,
  backoff: { baseMs: 1000, maxMs: 30_000 },
  random: Math.random,
  unrefTimers: false,
};

/**
 * Batches events into requests, one request in flight at a time, retrying a failed batch
 * with backoff while later events wait behind it (their order is kept), and bounding what it
 * holds so an unreachable ingest never grows the app's memory.
 */
export class BatchQueue {
  private pending: FaultlineEvent[] = [];
  private sending = false;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerDue = 0;
  private idle: Array<() => void> = [];

  constructor(
    private readonly transport: Transport,
    private readonly options: QueueOptions,
  ) {}

  get size(): number {
    return this.pending.length;
  }

  add(event: FaultlineEvent): void {
    this.pending.push(event);
    const overflow = this.pending.length - this.options.maxQueue;
    if (overflow > 0) this.options.onDrop?.(this.pending.splice(0, overflow), 'queue full');
    if (this.attempts === 0)
      this.schedule(this.pending.length >= this.options.maxBatch ? 0 : this.options.flushIntervalMs);
  }

  /**
   * Sends what is pending now (a batch waiting out its backoff goes at once) and resolves
   * true when everything was delivered or dropped, false if `timeoutMs` passed first.
   */
  flush(timeoutMs = 5000): Promise<boolean> {
    if (this.pending.length === 0 && !this.sending) return Promise.resolve(true);
    this.schedule(0);
    return new Promise((resolve) => {
      const timeout = setTimeout(() => {
        this.idle = this.idle.filter((waiter) => waiter !== done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timeout);
        resolve(true);
      };
      this.idle.push(done);
    });
  }

  /** Hands everything pending to `sendFinal` in batches (page unload); nothing is retried. */
  drainFinal(): void {
    const sendFinal = this.transport.sendFinal?.bind(this.transport);
    if (!sendFinal) return void this.schedule(0);
    const events = this.pending.splice(0);
    this.attempts = 0;
    for (let i = 0; i < events.length; i += this.options.maxBatch) {
      const batch = events.slice(i, i + this.options.maxBatch);
      if (!sendFinal(JSON.stringify(batch))) this.pending.push(...batch);
    }
    if (this.pending.length > 0) this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.sending) return;
    const due = Date.now() + delayMs;
    if (this.timer !== undefined) {
      if (this.timerDue <= due) return;
      clearTimeout(this.timer);
    }
    this.timerDue = due;
    this.timer = setTimeout(() => void this.send(), delayMs);
    if (this.options.unrefTimers) (this.timer as { unref?: () => void }).unref?.();
  }

  private async send(): Promise<void> {
    this.timer = undefined;
    if (this.sending) return;
    const batch = this.pending.slice(0, this.options.maxBatch);
    if (batch.length === 0) return this.settle();
    this.sending = true;
    let result: { status: number; retryAfterMs?: number };
    try {
      result = await this.transport.send(JSON.stringify(batch));
    } catch {
      result = { status: 0 };
    }
    this.sending = false;
    const ok = result.status >= 200 && result.status < 300;
    if (!ok && isRetryable(result.status) && this.attempts + 1 < this.options.maxAttempts) {
      this.attempts += 1;
      const { backoff, random } = this.options;
      return this.schedule(retryDelayMs(this.attempts, backoff, random, result.retryAfterMs));
    }
    const sent = new Set(batch);
    this.pending = this.pending.filter((event) => !sent.has(event));
    if (!ok) this.options.onDrop?.(batch, `status ${result.status}`);
    this.attempts = 0;
    if (this.pending.length > 0) this.schedule(0);
    else this.settle();
  }

  private settle(): void {
    const waiters = this.idle.splice(0);
    for (const waiter of waiters) waiter();
  }
}
