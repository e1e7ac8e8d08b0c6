import type { ErrorEvent } from '@faultline/contracts';
import type { Admin, ConsumerConfig, Kafka } from 'kafkajs';
import { pino } from 'pino';
import { testEndpoints, uniqueName as unique } from '../../../../test/support/endpoints.js';
import { createKafka, ensureTopics } from '../../src/index.js';

export { waitFor } from '../../../../test/support/wait.js';

export const kafkaBrokers = (): string[] => testEndpoints().kafkaBrokers;

export const testLogger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });

export const uniqueName = (prefix: string): string => unique(`test.${prefix}`, '.');

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
