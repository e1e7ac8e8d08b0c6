import { inject } from 'vitest';
import { endpointsFromEnv } from './env-endpoints.js';
import type { Endpoints } from './harness.js';

/** Endpoints from the integration globalSetup when it provides them, else KAFKA_BROKERS/REDIS_URL, else the local defaults. */
export function infraEndpoints(): Endpoints {
  // Not typed through ProvidedContext: that augmentation lives in test/setup, outside this package.
  const provided = (inject as (key: string) => Partial<Endpoints> | undefined)('infra');
  const fromEnv = endpointsFromEnv();
  return {
    kafkaBrokers: provided?.kafkaBrokers?.length ? provided.kafkaBrokers : fromEnv.kafkaBrokers,
    redisUrl: provided?.redisUrl ?? fromEnv.redisUrl,
  };
}
