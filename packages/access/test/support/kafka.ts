import { type AccessRecord, accessKey, accessRecordCodec } from '@faultline/contracts';
import { type BatchingProducer, createBatchingProducer, createKafka, ensureTopics } from '@faultline/kafka';
import type { Kafka } from 'kafkajs';
import { pino } from 'pino';
import { testEndpoints, uniqueName } from '../../../../test/support/endpoints.js';

export { waitFor } from '../../../../test/support/wait.js';

export const testLogger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });

export function testKafka(): Kafka {
  return createKafka({
    brokers: testEndpoints().kafkaBrokers,
    clientId: uniqueName('access-test'),
    logger: testLogger,
  });
}

/** A fresh compacted access topic, as the real one is configured. */
export async function createAccessTopic(kafka: Kafka, partitions = 1): Promise<string> {
  const topic = uniqueName('test.access', '.');
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, [{ topic, partitions, configs: { 'cleanup.policy': 'compact' } }]);
  } finally {
    await admin.disconnect();
  }
  return topic;
}

export async function deleteTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin
    .deleteTopics({ topics: [topic] })
    .catch((error: unknown) => console.warn(`could not delete ${topic}: ${String(error)}`));
  await admin.disconnect();
}

/** Writes records (under their keys) and tombstones (`{ tombstone: key }`) in order, as the one writer would. */
export class AccessWriter {
  private constructor(
    private readonly producer: BatchingProducer,
    private readonly topic: string,
  ) {}

  static async open(kafka: Kafka, topic: string): Promise<AccessWriter> {
    return new AccessWriter(await createBatchingProducer(kafka, { logger: testLogger }), topic);
  }

  async write(
    ...changes: (AccessRecord | { tombstone: string } | { key: string; raw: string })[]
  ): Promise<void> {
    // Sent together: one batch keeps them in call order on each partition.
    await Promise.all(
      changes.map((change) =>
        'tombstone' in change
          ? this.producer.send(this.topic, { key: change.tombstone, value: null })
          : 'raw' in change
            ? this.producer.send(this.topic, { key: change.key, value: change.raw })
            : this.producer.send(this.topic, {
                key: accessKey(change),
                value: accessRecordCodec.encode(change),
              }),
      ),
    );
  }

  close(): Promise<void> {
    return this.producer.close();
  }
}
