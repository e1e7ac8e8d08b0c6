import { randomBytes } from 'node:crypto';
import type { ErrorEvent } from '@faultline/contracts';
import type { Admin, ConsumerConfig, Kafka } from 'kafkajs';
import { pino } from 'pino';
import { inject } from 'vitest';
import { createKafka, ensureTopics } from '../../src/index.js';

/** Brokers from the shared globalSetup when it provides them, else KAFKA_BROKERS, else the local default. */
export function kafkaBrokers(): string[] {
  // Not typed through ProvidedContext: that augmentation belongs to test/setup, which may not exist yet.
  const infra = (inject as (key: string) => { kafkaBrokers?: string[] } | undefined)('infra');
  if (infra?.kafkaBrokers?.length) return infra.kafkaBrokers;
  return (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
}

export const testLogger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });

export function uniqueName(prefix: string): string {
  return `test.${prefix}.${randomBytes(4).toString('hex')}`;
}

export function testKafka(clientId = uniqueName('client')): Kafka {
  return createKafka({ brokers: kafkaBrokers(), clientId, logger: testLogger });
}

/** Small timeouts so group joins and rebalances take seconds, not half a minute. */
export const fastConsumer: Omit<ConsumerConfig, 'groupId'> = {
  sessionTimeout: 6000,
  rebalanceTimeout: 6000,
  heartbeatInterval: 500,
  maxWaitTimeInMs: 100,
};

export async function createTopics(
  admin: Admin,
  topics: { topic: string; partitions: number }[],
): Promise<void> {
  await ensureTopics(admin, topics);
}

export async function deleteTopics(admin: Admin, topics: string[]): Promise<void> {
  await admin
    .deleteTopics({ topics })
    .catch((error: unknown) => console.warn(`could not delete test topics: ${String(error)}`));
}

export function errorEvent(n: number, overrides: Partial<ErrorEvent> = {}): ErrorEvent {
  return {
    schemaVersion: 1,
    eventId: `evt_${n}`,
    projectId: 'checkout',
    timestamp: '2026-11-29T05:00:00.000Z',
    level: 'error',
    message: `Database connection failed #${n}`,
    source: 'express',
    ...overrides,
  };
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
