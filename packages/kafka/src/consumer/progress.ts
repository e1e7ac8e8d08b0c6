/** What `RunningConsumer.liveness()` reports; /healthz fails while `stuck`. */
export interface ConsumerLiveness {
  /** A chunk has been in flight longer than `deadlineMs`. */
  stuck: boolean;
  deadlineMs: number;
  /** When a chunk last finished (committed or failed), or now when nothing is in flight: an idle consumer is not stuck. Epoch ms. */
  lastProgressAt: number;
  /** How long the oldest chunk in flight has been; null when none is. */
  oldestInFlightMs: number | null;
}

/**
 * Tracks chunks in flight (several with concurrent partitions). Only a chunk that has been
 * running past the deadline makes the consumer stuck; waiting for messages never does.
 */
export class ChunkProgress {
  private readonly inFlight = new Map<number, number>();
  private nextId = 0;
  private lastFinishedAt: number;

  constructor(
    readonly deadlineMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.lastFinishedAt = now();
  }

  /** Runs one chunk's steps, counting it in flight until it settles either way. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    const id = this.nextId++;
    this.inFlight.set(id, this.now());
    try {
      return await work();
    } finally {
      this.inFlight.delete(id);
      this.lastFinishedAt = this.now();
    }
  }

  liveness(): ConsumerLiveness {
    const now = this.now();
    let oldest: number | undefined;
    for (const startedAt of this.inFlight.values())
      if (oldest === undefined || startedAt < oldest) oldest = startedAt;
    const oldestInFlightMs = oldest === undefined ? null : now - oldest;
    return {
      stuck: oldestInFlightMs !== null && oldestInFlightMs > this.deadlineMs,
      deadlineMs: this.deadlineMs,
      lastProgressAt: oldest === undefined ? now : this.lastFinishedAt,
      oldestInFlightMs,
    };
  }
}

/** For a service running several consumers (a bundle): stuck when any is; the oldest chunk in flight across them. */
export function combinedLiveness(parts: readonly ConsumerLiveness[]): ConsumerLiveness {
  const stuck = parts.find((part) => part.stuck);
  const inFlight = parts.filter((part) => part.oldestInFlightMs !== null);
  const oldest = inFlight.reduce<ConsumerLiveness | undefined>(
    (worst, part) => (worst && (worst.oldestInFlightMs ?? 0) >= (part.oldestInFlightMs ?? 0) ? worst : part),
    undefined,
  );
  return {
    stuck: stuck !== undefined,
    deadlineMs: (stuck ?? oldest ?? parts[0])?.deadlineMs ?? 0,
    lastProgressAt: Math.min(...parts.map((part) => part.lastProgressAt), Date.now()),
    oldestInFlightMs: oldest?.oldestInFlightMs ?? null,
  };
}
