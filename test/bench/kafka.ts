/**
 * Batching producer vs plain kafkajs on a fresh topic: (a) kafkajs `producer.send` with
 * batches of 1,000 built by the caller, (b) the batching producer fed by 1,000 concurrent
 * callers that each send one message and await it. Last line: JSON with the figures.
 */
import { randomBytes } from 'node:crypto';
import { createBatchingProducer, ensureTopics } from '@faultline/kafka';
import { Kafka, logLevel } from 'kafkajs';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100_000);
const MESSAGE_BYTES = 1024;
const RAW_BATCH = 1000;
const CONCURRENT_CALLERS = 1000;
const PARTITIONS = 3;
const PHASE_DEADLINE_MS = 40_000;
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

// Stops the process even if the broker hangs; the topic is then left for `pnpm infra down`.
setTimeout(() => {
  console.error('kafka bench: gave up after 110 s');
  process.exit(1);
}, 110_000).unref();

const kafka = new Kafka({ clientId: 'bench-kafka', brokers, logLevel: logLevel.ERROR });
const topic = `bench.kafka.${randomBytes(4).toString('hex')}`;
const value = randomBytes(MESSAGE_BYTES);
const keyOf = (i: number) => `project-${i % 100}`;

interface Phase {
  messages: number;
  seconds: number;
  msgsPerSec: number;
}

function phase(messages: number, startedAt: bigint): Phase {
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  return { messages, seconds, msgsPerSec: Math.round(messages / seconds) };
}

async function rawKafkajs(): Promise<Phase> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: [{ key: 'warmup', value }] });
    const deadline = Date.now() + PHASE_DEADLINE_MS;
    const started = process.hrtime.bigint();
    let sent = 0;
    while (sent < MESSAGES && Date.now() < deadline) {
      const size = Math.min(RAW_BATCH, MESSAGES - sent);
      const messages = Array.from({ length: size }, (_, i) => ({ key: keyOf(sent + i), value }));
      await producer.send({ topic, acks: -1, messages });
      sent += size;
    }
    return phase(sent, started);
  } finally {
    await producer.disconnect();
  }
}

async function batchingProducer(): Promise<Phase & { sendBatchCalls: number }> {
  const producer = await createBatchingProducer(kafka);
  try {
    await producer.send(topic, { key: 'warmup', value });
    const before = producer.metrics().batchesSent;
    const deadline = Date.now() + PHASE_DEADLINE_MS;
    const started = process.hrtime.bigint();
    let claimed = 0;
    const caller = async () => {
      while (claimed < MESSAGES && Date.now() < deadline) {
        const i = claimed++;
        await producer.send(topic, { key: keyOf(i), value });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENT_CALLERS }, caller));
    const result = phase(producer.metrics().messagesSent - 1, started);
    return { ...result, sendBatchCalls: producer.metrics().batchesSent - before };
  } finally {
    await producer.close();
  }
}

const admin = kafka.admin();
await admin.connect();
try {
  await ensureTopics(admin, [{ topic, partitions: PARTITIONS }]);
  console.log(
    `kafka bench: ${brokers.join(',')}, topic ${topic} (${PARTITIONS} partitions), ${MESSAGES} messages of ${MESSAGE_BYTES} B, acks all`,
  );
  const raw = await rawKafkajs();
  console.log(
    `(a) kafkajs producer.send, batches of ${RAW_BATCH}: ${raw.messages} msgs in ${raw.seconds.toFixed(2)} s = ${raw.msgsPerSec} msgs/s`,
  );
  const batching = await batchingProducer();
  console.log(
    `(b) batching producer, ${CONCURRENT_CALLERS} concurrent single-message callers: ${batching.messages} msgs in ${batching.seconds.toFixed(2)} s = ${batching.msgsPerSec} msgs/s (${batching.sendBatchCalls} sendBatch calls, ${Math.round(batching.messages / batching.sendBatchCalls)} msgs each)`,
  );
  const ratio = Number((batching.msgsPerSec / raw.msgsPerSec).toFixed(3));
  console.log(`(c) ratio b/a: ${ratio}`);
  console.log(
    JSON.stringify({
      bench: 'kafka',
      rawKafkajsMsgsPerSec: raw.msgsPerSec,
      batchingProducerMsgsPerSec: batching.msgsPerSec,
      ratio,
      messageBytes: MESSAGE_BYTES,
      concurrentCallers: CONCURRENT_CALLERS,
      messages: { raw: raw.messages, batching: batching.messages },
      sendBatchCalls: batching.sendBatchCalls,
      partitions: PARTITIONS,
    }),
  );
} finally {
  await admin
    .deleteTopics({ topics: [topic] })
    .catch((error: unknown) => console.error(`could not delete ${topic}: ${String(error)}`));
  await admin.disconnect();
}
