import { type DeadLetter, deadLetterCodec, type ErrorEvent, errorEventCodec } from '@faultline/contracts';
import type { Admin, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BatchingProducer,
  type ConsumedMessage,
  consumerLag,
  createBatchingProducer,
  DLQ_HEADERS,
  isKafkaError,
  type RunConsumerOptions,
  type RunningConsumer,
  runConsumer,
} from '../../src/index.js';
import {
  createTopics,
  deleteTopics,
  errorEvent,
  fastConsumer,
  testKafka,
  testLogger,
  uniqueName,
  waitFor,
} from '../support/infra.js';

let kafka: Kafka;
let admin: Admin;
let producer: BatchingProducer;
const topics: string[] = [];
const running: RunningConsumer[] = [];

async function freshTopics(): Promise<{ source: string; dlq: string }> {
  const [source, dlq] = [uniqueName('source'), uniqueName('dlq')];
  await createTopics(admin, [
    { topic: source, partitions: 1 },
    { topic: dlq, partitions: 1 },
  ]);
  topics.push(source, dlq);
  return { source, dlq };
}

async function start<T>(
  options: Omit<RunConsumerOptions<T>, 'kafka' | 'logger' | 'consumer'> & Partial<RunConsumerOptions<T>>,
) {
  const consumer = await runConsumer({
    kafka,
    logger: testLogger,
    fromBeginning: true,
    consumer: fastConsumer,
    ...options,
  });
  running.push(consumer);
  return consumer;
}

async function committed(groupId: string, topic: string): Promise<string | undefined> {
  const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return entry?.partitions[0]?.offset;
}

const sendEvents = (topic: string, events: ErrorEvent[]) =>
  Promise.all(
    events.map((event) =>
      producer.send(topic, { key: event.projectId, value: errorEventCodec.encode(event) }),
    ),
  );

beforeAll(async () => {
  kafka = testKafka();
  admin = kafka.admin();
  await admin.connect();
  producer = await createBatchingProducer(kafka, { logger: testLogger });
});

afterAll(async () => {
  await Promise.allSettled(running.map((consumer) => consumer.stop()));
  await producer.close();
  await deleteTopics(admin, topics);
  await admin.disconnect();
});

describe('runConsumer against a real broker', () => {
  it('hands typed events to the handler, dead-letters poison with its reason and offset, commits after both', async () => {
    const { source, dlq } = await freshTopics();
    const groupId = uniqueName('group');
    const sent = await Promise.all([
      producer.send(source, { key: 'checkout', value: errorEventCodec.encode(errorEvent(0)) }),
      producer.send(source, { key: 'checkout', value: Buffer.from('{"schemaVersion":1, oops') }),
      producer.send(source, { key: 'checkout', value: errorEventCodec.encode(errorEvent(1)) }),
      producer.send(source, {
        key: 'checkout',
        value: Buffer.from(JSON.stringify({ ...errorEvent(9), source: 'carrier-pigeon' })),
      }),
      producer.send(source, {
        key: 'ghost',
        value: errorEventCodec.encode(errorEvent(2, { projectId: 'ghost' })),
      }),
      producer.send(source, { key: 'checkout', value: errorEventCodec.encode(errorEvent(3)) }),
    ]);
    expect(sent.map((r) => r.offset)).toEqual(['0', '1', '2', '3', '4', '5']);
    expect((await consumerLag(admin, groupId, [source]))[0]?.lag).toBe(6);

    const handled: ConsumedMessage<ErrorEvent>[] = [];
    const main = await start({
      groupId,
      topics: [source],
      codec: errorEventCodec,
      dlq: { topic: dlq, producer },
      handler: async (messages) => {
        handled.push(...messages);
        const ghosts = messages.filter((m) => m.value.projectId === 'ghost');
        return {
          invalid: ghosts.map((m) => ({ offset: m.offset, reason: `unknown project ${m.value.projectId}` })),
        };
      },
    });
    const letters: ConsumedMessage<DeadLetter>[] = [];
    await start({
      groupId: uniqueName('dlq-reader'),
      topics: [dlq],
      codec: deadLetterCodec,
      dlq: { topic: dlq, producer },
      handler: async (messages) => void letters.push(...messages),
    });

    await waitFor(() => letters.length >= 3, 30_000, 'three dead letters');
    expect(handled.map((m) => [m.offset, m.value.eventId, m.key?.toString()])).toEqual([
      ['0', 'evt_0', 'checkout'],
      ['2', 'evt_1', 'checkout'],
      ['4', 'evt_2', 'ghost'],
      ['5', 'evt_3', 'checkout'],
    ]);
    expect(handled[0]?.value).toEqual(errorEvent(0));

    expect(letters.map(({ value }) => [value.source.offset, value.consumer])).toEqual([
      ['1', groupId],
      ['3', groupId],
      ['4', groupId],
    ]);
    const [notJson, wrongSchema, declared] = letters.map((l) => l.value);
    expect(notJson?.reason).toMatch(/^ErrorEvent: invalid JSON/);
    expect(Buffer.from(notJson?.payload ?? '', 'base64').toString()).toBe('{"schemaVersion":1, oops');
    expect(wrongSchema?.reason).toMatch(/\/source/);
    expect(declared?.reason).toBe('unknown project ghost');
    expect(letters[0]?.key?.toString()).toBe(source);
    expect(letters[0]?.headers[DLQ_HEADERS.sourceOffset]?.toString()).toBe('1');
    expect(letters[0]?.headers[DLQ_HEADERS.sourcePartition]?.toString()).toBe('0');

    await main.stop();
    await expect(main.done).resolves.toBeUndefined();
    expect(await committed(groupId, source)).toBe('6');
    expect((await consumerLag(admin, groupId, [source]))[0]).toMatchObject({ committed: '6', lag: 0 });
  });

  it('a handler that crashes commits nothing from its batch; the group gets that batch again on restart', async () => {
    const { source, dlq } = await freshTopics();
    const groupId = uniqueName('group');
    let crash = false;
    const first: string[] = [];
    const crashing = await start({
      groupId,
      topics: [source],
      codec: errorEventCodec,
      dlq: { topic: dlq, producer },
      consumer: { ...fastConsumer, retry: { retries: 0, restartOnFailure: async () => false } },
      handler: async (messages) => {
        if (crash) throw new Error('ClickHouse is down');
        first.push(...messages.map((m) => m.value.eventId));
      },
    });
    await sendEvents(source, [errorEvent(0), errorEvent(1), errorEvent(2)]);
    await waitFor(() => first.length === 3, 30_000, 'the first three events');
    await waitFor(
      async () => (await committed(groupId, source)) === '3',
      10_000,
      'the commit of the first batch',
    );

    crash = true;
    await sendEvents(source, [errorEvent(3), errorEvent(4)]);
    const failure = await crashing.done.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isKafkaError(failure, 'FL_KAFKA_CONSUMER_CRASHED')).toBe(true);
    expect(await committed(groupId, source)).toBe('3');

    const again: string[] = [];
    const restarted = await start({
      groupId,
      topics: [source],
      codec: errorEventCodec,
      dlq: { topic: dlq, producer },
      handler: async (messages) => void again.push(...messages.map((m) => m.value.eventId)),
    });
    await waitFor(() => again.length >= 2, 30_000, 'the redelivered batch');
    await restarted.stop();
    expect(again).toEqual(['evt_3', 'evt_4']);
    expect(await committed(groupId, source)).toBe('5');
  });

  it('a dead letter the broker does not acknowledge blocks the commit', async () => {
    const { source } = await freshTopics();
    const groupId = uniqueName('group');
    const dlqProducer = await createBatchingProducer(kafka, { logger: testLogger, retries: 1 });
    await producer.send(source, { value: 'not an event' });
    let handled = 0;
    const consumer = await start({
      groupId,
      topics: [source],
      codec: errorEventCodec,
      dlq: { topic: uniqueName('missing-dlq'), producer: dlqProducer },
      dlqLimit: false,
      consumer: { ...fastConsumer, retry: { retries: 0, restartOnFailure: async () => false } },
      handler: async () => {
        handled += 1;
      },
    });
    const failure = await consumer.done.then(
      () => undefined,
      (error: unknown) => error,
    );
    await dlqProducer.close();
    expect(isKafkaError(failure, 'FL_KAFKA_CONSUMER_CRASHED')).toBe(true);
    expect(handled).toBe(0);
    expect(dlqProducer.metrics().messagesFailed).toBe(1);
    expect(await committed(groupId, source)).toBe('-1');
  });

  it('stop() waits for the in-flight batch, commits it, then leaves', async () => {
    const { source, dlq } = await freshTopics();
    const groupId = uniqueName('group');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = false;
    const consumer = await start({
      groupId,
      topics: [source],
      codec: errorEventCodec,
      dlq: { topic: dlq, producer },
      handler: async () => {
        entered = true;
        await gate;
      },
    });
    await sendEvents(source, [errorEvent(0), errorEvent(1)]);
    await waitFor(() => entered, 30_000, 'the handler to start');

    let stopped = false;
    const stopping = consumer.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stopped).toBe(false);
    expect(await committed(groupId, source)).toBe('-1');
    release();
    await stopping;
    expect(await committed(groupId, source)).toBe('2');
  });

  it('stops with FL_KAFKA_DLQ_LIMIT instead of dead-lettering a topic that is mostly invalid', async () => {
    const { source, dlq } = await freshTopics();
    const groupId = uniqueName('group');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        producer.send(source, {
          value: i % 4 === 0 ? errorEventCodec.encode(errorEvent(i)) : `garbage ${i}`,
        }),
      ),
    );
    let handled = 0;
    const consumer = await start({
      groupId,
      topics: [source],
      codec: errorEventCodec,
      dlq: { topic: dlq, producer },
      dlqLimit: { maxInvalidRatio: 0.5, minMessages: 10 },
      handler: async (messages) => {
        handled += messages.length;
      },
    });
    const failure = await consumer.done.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isKafkaError(failure, 'FL_KAFKA_DLQ_LIMIT')).toBe(true);
    expect((failure as Error).message).toMatch(/15 of the last 20 messages were invalid/);
    expect(handled).toBe(5);
    expect(await committed(groupId, source)).toBe('-1');
    expect((await admin.fetchTopicOffsets(dlq))[0]?.high).toBe('0');
  });
});
