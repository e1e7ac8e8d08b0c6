import type { RedisClient } from '@faultline/redis';
import type { AttemptLedger, PartitionRef } from './attempt-ledger.js';
import type { AttemptKind, AttemptStatus, Failure } from './attempt-record.js';
import { ATTEMPT_SCRIPT } from './attempt-script.js';

export interface RedisAttemptLedgerOptions {
  groupId: string;
  /** The service's Redis key prefix. */
  keyPrefix: string;
  /** A partition nobody consumes any more is forgotten after this long (every attempt renews it). @default 7 days */
  ttlMs?: number;
}

const MAX_REASON_LENGTH = 2048;

type AttemptCommand = (key: string, ...args: (string | number)[]) => Promise<[number, string] | number>;

/**
 * The attempt ledger in Redis: one small hash per partition of the group, one script call per
 * chunk. Its key carries the partition in a hash tag, so each call stays on one slot of a Redis
 * Cluster: `<keyPrefix>consumer-attempts:{<groupId>:<topic>:<partition>}`.
 */
export function createRedisAttemptLedger(
  redis: RedisClient,
  options: RedisAttemptLedgerOptions,
): AttemptLedger {
  redis.defineCommand('faultlineConsumerAttempt', { numberOfKeys: 1, lua: ATTEMPT_SCRIPT });
  const run = (
    redis as unknown as { faultlineConsumerAttempt: AttemptCommand }
  ).faultlineConsumerAttempt.bind(redis);
  const ttl = options.ttlMs ?? 7 * 86_400_000;
  const keyOf = ({ topic, partition }: PartitionRef) =>
    `${options.keyPrefix}consumer-attempts:{${options.groupId}:${topic}:${partition}}`;

  const status = (reply: [number, string] | number): AttemptStatus => {
    const [failures, lastError] = reply as [number, string];
    return lastError ? { failures: Number(failures), lastError } : { failures: Number(failures) };
  };

  return {
    beginChunk: async (partition, offset) => status(await run(keyOf(partition), 'chunk', offset, ttl)),
    beginMessage: async (partition, offset, chunkFailures) =>
      status(await run(keyOf(partition), 'message', offset, ttl, chunkFailures)),
    async fail(partition: PartitionRef, kind: AttemptKind, offset: string, failure: Failure) {
      // An empty reason would read as "none"; a long one (a stack) is cut.
      const reason = (failure.reason || 'failed without a message').slice(0, MAX_REASON_LENGTH);
      await run(keyOf(partition), 'fail', offset, ttl, kind, failure.counts ? 1 : 0, reason);
    },
  };
}
