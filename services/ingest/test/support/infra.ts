import { inject } from 'vitest';

/** Kafka and Redis from the integration globalSetup, else the environment, else local defaults. */
export function testInfra(): { kafkaBrokers: string[]; redisUrl: string } {
  const provided = inject('infra') as ReturnType<typeof inject<'infra'>> | undefined;
  return {
    kafkaBrokers: provided?.kafkaBrokers ?? (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    redisUrl: provided?.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}
