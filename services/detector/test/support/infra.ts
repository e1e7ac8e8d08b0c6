import type { Redis } from 'ioredis';

export interface Endpoints {
  kafkaBrokers: string[];
  redisUrl: string;
}

export { testEndpoints as infraEndpoints, uniqueName } from '../../../../test/support/endpoints.js';
export { waitFor } from '../../../../test/support/wait.js';

/** Deletes every key under a prefix (SCAN, not KEYS, so a shared Redis is not blocked). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
