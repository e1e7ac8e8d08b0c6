import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { inject } from 'vitest';

export interface Endpoints {
  kafkaBrokers: string[];
  redisUrl: string;
}

/** Endpoints from the integration globalSetup, else KAFKA_BROKERS/REDIS_URL, else the local defaults. */
export function infraEndpoints(): Endpoints {
  const provided = inject('infra');
  return {
    kafkaBrokers: provided?.kafkaBrokers?.length
      ? provided.kafkaBrokers
      : (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    redisUrl: provided?.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}

/** A name no other test run uses, so runs never read each other's topics, groups or keys. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Deletes every key under a prefix (SCAN, not KEYS, so a shared Redis is not blocked). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
