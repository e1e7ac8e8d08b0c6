import { inject } from 'vitest';

export { uniqueName } from './unique-name.js';

export interface TestEndpoints {
  kafkaBrokers: string[];
  redisUrl: string;
  clickhouseUrl: string;
}

/**
 * Kafka, Redis and ClickHouse from the integration globalSetup (`inject('infra')`), else
 * KAFKA_BROKERS / REDIS_URL / CLICKHOUSE_URL, else the local defaults.
 */
export function testEndpoints(): TestEndpoints {
  // Typed loosely: outside the integration project nothing is provided.
  const provided = (inject as (key: string) => Partial<TestEndpoints> | undefined)('infra');
  return {
    kafkaBrokers: provided?.kafkaBrokers?.length
      ? provided.kafkaBrokers
      : (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    redisUrl: provided?.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    clickhouseUrl: provided?.clickhouseUrl ?? process.env.CLICKHOUSE_URL ?? 'http://127.0.0.1:8123',
  };
}
