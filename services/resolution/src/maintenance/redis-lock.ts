import { randomUUID } from 'node:crypto';
import type { RedisClient } from '@faultline/redis';

// Deletes the key only while it still holds our token: a run that outlived its lease never frees another's lock.
const RELEASE =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export type Locked<T> = { ran: true; value: T } | { ran: false };

/** Runs `work` only if this caller takes `key` (SET NX PX); another holder means it is skipped, not queued. */
export async function withRedisLock<T>(
  redis: RedisClient,
  key: string,
  ttlMs: number,
  work: () => Promise<T>,
): Promise<Locked<T>> {
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return { ran: false };
  try {
    return { ran: true, value: await work() };
  } finally {
    await redis.eval(RELEASE, 1, key, token);
  }
}
