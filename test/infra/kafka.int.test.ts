import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, expect, inject, it } from 'vitest';

const kafka = new Kafka({
  clientId: 'faultline-test',
  brokers: inject('infra').kafkaBrokers,
  logLevel: logLevel.WARN,
});
const admin = kafka.admin();
const topic = `test.infra.${randomUUID()}`;

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect();
});

it('produces and consumes a message on a topic it created', async () => {
  await admin.connect();
  expect(await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true })).toBe(
    true,
  );

  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: [{ key: 'project-1', value: 'hello' }] });
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: `test-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const received = new Promise<string>((resolve) => {
    void consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) });
  });
  try {
    expect(await received).toBe('hello');
  } finally {
    await consumer.disconnect();
  }
});
