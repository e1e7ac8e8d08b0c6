import type { ConsumerStuck } from '@faultline/api-contracts';

/** What a watched consumer reports (structurally @faultline/kafka's `ConsumerLiveness`). */
export interface ConsumerLiveness {
  /** A chunk has been in flight longer than `deadlineMs`. */
  stuck: boolean;
  deadlineMs: number;
  /** Epoch ms of the last finished chunk, or now when idle. */
  lastProgressAt: number;
  oldestInFlightMs: number | null;
}

/** Pure: undefined while every consumer is making progress or idle; else why /healthz answers 503. */
export function stuckAnswer(consumers: readonly ConsumerLiveness[]): ConsumerStuck | undefined {
  const stuck = consumers
    .filter((consumer) => consumer.stuck)
    .sort((a, b) => (b.oldestInFlightMs ?? 0) - (a.oldestInFlightMs ?? 0))[0];
  if (!stuck) return undefined;
  const oldestInFlightMs = stuck.oldestInFlightMs ?? 0;
  return {
    error: 'FL_RUNTIME_CONSUMER_STUCK',
    message: `a consumer chunk has been in flight for ${oldestInFlightMs} ms (deadline ${stuck.deadlineMs} ms)`,
    deadlineMs: stuck.deadlineMs,
    oldestInFlightMs,
    lastProgressAt: new Date(stuck.lastProgressAt).toISOString(),
  };
}
