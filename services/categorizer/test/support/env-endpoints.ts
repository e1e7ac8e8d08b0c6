import type { Endpoints } from './harness.js';

/** KAFKA_BROKERS and REDIS_URL, else the local defaults; for code running outside vitest (the bench). */
export function endpointsFromEnv(): Endpoints {
  return {
    kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}
