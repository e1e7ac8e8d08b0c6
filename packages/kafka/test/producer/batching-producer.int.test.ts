import type { Admin, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatchingProducer, type DeliveryReport, isKafkaError } from '../../src/index.js';
import { createTopics, deleteTopics, testKafka, testLogger, uniqueName } from '../support/infra.js';

let kafka: Kafka;
let admin: Admin;
const topics: string[] = [];

async function freshTopic(partitions: number): Promise<string> {
  const topic = uniqueName('producer');
  await createTopics(admin, [{ topic, partitions }]);
  topics.push(topic);
  return topic;
}

beforeAll(async () => {
  kafka = testKafka();
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  await deleteTopics(admin, topics);
  await admin.disconnect();
});

describe('createBatchingProducer against a real broker', () => {
  it('gathers 1,000 concurrent sends into a few sendBatch calls, each resolved with its own offset', async () => {
    const topic = await freshTopic(3);
    const producer = await createBatchingProducer(kafka, {
      logger: testLogger,
      lingerMs: 5,
      maxBatchMessages: 500,
    });
    const reports = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        producer.send(topic, { key: `project-${i % 17}`, value: `message ${i}` }),
      ),
    );
    const { batchesSent, messagesSent, batchesFailed } = producer.metrics();
    await producer.close();

    expect(messagesSent).toBe(1000);
    expect(batchesFailed).toBe(0);
    expect(batchesSent).toBeGreaterThanOrEqual(2); // 1,000 messages cannot fit maxBatchMessages 500
    expect(batchesSent).toBeLessThanOrEqual(10);

    // Every partition's offsets are exactly 0..n-1: unique, contiguous, and they add up to the log end offsets.
    const byPartition = new Map<number, bigint[]>();
    for (const report of reports)
      byPartition.set(report.partition, [
        ...(byPartition.get(report.partition) ?? []),
        BigInt(report.offset),
      ]);
    const ends = await admin.fetchTopicOffsets(topic);
    for (const { partition, high } of ends) {
      const offsets = (byPartition.get(partition) ?? []).sort((a, b) => (a < b ? -1 : 1));
      expect(offsets).toEqual(Array.from({ length: Number(high) }, (_, i) => BigInt(i)));
    }
    expect(ends.reduce((sum, { high }) => sum + Number(high), 0)).toBe(1000);
  });

  it('keeps per-key order and puts each key on one partition', async () => {
    const topic = await freshTopic(3);
    const producer = await createBatchingProducer(kafka, { logger: testLogger, maxBatchMessages: 7 });
    const reports = await Promise.all(
      Array.from({ length: 60 }, (_, i) => producer.send(topic, { key: `k${i % 3}`, value: String(i) })),
    );
    await producer.close();
    for (const key of [0, 1, 2]) {
      const mine = reports.filter((_, i) => i % 3 === key);
      expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
      const offsets = mine.map((r) => BigInt(r.offset));
      expect(offsets).toEqual([...offsets].sort((a, b) => (a < b ? -1 : 1)));
    }
  });

  it('sends to several topics in one batch', async () => {
    const [a, b] = [await freshTopic(1), await freshTopic(1)];
    const producer = await createBatchingProducer(kafka, { logger: testLogger, lingerMs: 50 });
    const reports = await Promise.all([
      producer.send(a, { value: 'a0' }),
      producer.send(b, { value: 'b0' }),
      producer.send(a, { value: 'a1' }),
    ]);
    expect(producer.metrics().batchesSent).toBe(1);
    await producer.close();
    expect(reports).toEqual([
      { topic: a, partition: 0, offset: '0' },
      { topic: b, partition: 0, offset: '0' },
      { topic: a, partition: 0, offset: '1' },
    ]);
  });

  it('rejects every caller of a batch the broker refuses', async () => {
    const missing = uniqueName('missing');
    const producer = await createBatchingProducer(kafka, { logger: testLogger, retries: 1, lingerMs: 20 });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => producer.send(missing, { value: String(i) })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(5).fill('rejected'));
    for (const result of results)
      expect(isKafkaError((result as PromiseRejectedResult).reason, 'FL_KAFKA_PRODUCE_FAILED')).toBe(true);
    expect(producer.metrics()).toMatchObject({ messagesFailed: 5, messagesSent: 0, pending: 0 });
    await producer.close();
  });

  it("whenFull 'reject': refuses sends past maxPendingMessages with FL_KAFKA_BUFFER_FULL", async () => {
    const topic = await freshTopic(1);
    const producer = await createBatchingProducer(kafka, {
      logger: testLogger,
      maxPendingMessages: 10,
      whenFull: 'reject',
    });
    const results = await Promise.allSettled(
      Array.from({ length: 15 }, (_, i) => producer.send(topic, { value: String(i) })),
    );
    await producer.close();
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(5);
    for (const { reason } of refused) expect(isKafkaError(reason, 'FL_KAFKA_BUFFER_FULL')).toBe(true);
  });

  it("whenFull 'wait': every send completes while pending never exceeds maxPendingMessages", async () => {
    const topic = await freshTopic(1);
    const producer = await createBatchingProducer(kafka, {
      logger: testLogger,
      maxPendingMessages: 10,
      maxBatchMessages: 4,
    });
    let maxPending = 0;
    const sends = Array.from({ length: 100 }, (_, i) =>
      producer.send(topic, { value: String(i) }).then((report) => {
        maxPending = Math.max(maxPending, producer.metrics().pending);
        return report;
      }),
    );
    maxPending = Math.max(maxPending, producer.metrics().pending);
    const reports = await Promise.all(sends);
    await producer.close();
    expect(maxPending).toBe(10);
    // FIFO admission: callers that waited still land in call order.
    expect(reports.map((r) => Number(r.offset))).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('close() drains what was accepted, then refuses new sends', async () => {
    const topic = await freshTopic(1);
    const producer = await createBatchingProducer(kafka, { logger: testLogger, lingerMs: 1000 });
    const accepted: Promise<DeliveryReport>[] = Array.from({ length: 3 }, (_, i) =>
      producer.send(topic, { value: String(i) }),
    );
    const started = Date.now();
    await producer.close();
    expect(Date.now() - started).toBeLessThan(1000); // close did not wait out the linger
    expect((await Promise.all(accepted)).map((r) => r.offset)).toEqual(['0', '1', '2']);
    await expect(producer.send(topic, { value: 'late' })).rejects.toMatchObject({
      code: 'FL_KAFKA_PRODUCER_CLOSED',
    });
  });

  it('gzip-compressed batches are acknowledged like plain ones', async () => {
    const topic = await freshTopic(1);
    const producer = await createBatchingProducer(kafka, { logger: testLogger, compression: 'gzip' });
    const reports = await Promise.all(
      Array.from({ length: 50 }, (_, i) => producer.send(topic, { value: 'x'.repeat(1000) + i })),
    );
    await producer.close();
    expect(reports.at(-1)?.offset).toBe('49');
  });
});
