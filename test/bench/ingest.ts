/**
 * `pnpm bench ingest`: the ingest app on a free port against the real Kafka and Redis, driven at
 * fixed concurrency with single events and 100-event batches over keep-alive HTTP, then the raw
 * kafkajs produce rate (acks = all, 100-message batches) on the same broker for comparison.
 * KAFKA_BROKERS / REDIS_URL pick the servers (default local). Runs about a minute.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { topicNames } from '@faultline/contracts';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { buildIngestApp, loadIngestConfig, ProjectStore } from '../../services/ingest/src/index.js';
import { TestAccess } from '../support/access.js';

const PHASE_MS = 15_000;
const SINGLE_CONCURRENCY = 32;
const BATCH_CONCURRENCY = 8;
const BATCH_SIZE = 100;

const run = randomBytes(4).toString('hex');
const config = loadIngestConfig({
  env: {
    ...process.env,
    FAULTLINE_TOPIC_PREFIX: `bench-${run}.`,
    FAULTLINE_REDIS_KEY_PREFIX: `bench-${run}:`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // The bench measures throughput, not the limiter's refusals.
    FAULTLINE_INGEST_RATE_LIMIT: JSON.stringify({ ratePerSecond: 1e9, burst: 1e9 }),
  },
});
const topic = topicNames(config.kafka.topicPrefix).errorsRaw;
const kafka = new Kafka({ clientId: 'bench', brokers: config.kafka.brokers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();
await admin.connect();
await admin.createTopics({ topics: [{ topic, numPartitions: 6 }], waitForLeaders: true });

// The intake is public (project keys); every ingest app still verifies its admin API against a view.
const access = await TestAccess.start({
  topicPrefix: config.kafka.topicPrefix,
  brokers: config.kafka.brokers,
});
const app = await buildIngestApp(config, access.serviceAccess());
const address = new URL(await app.listen({ host: '127.0.0.1', port: 0 }));
const redis = new Redis(config.redis.url);
const { publicKey } = await new ProjectStore(redis, config.redis.keyPrefix).create({ name: 'bench' });

const sampleEvent = (i: number) => ({
  timestamp: new Date().toISOString(),
  level: 'error',
  message: `Database connection failed: timeout after 5000ms (request ${i})`,
  source: 'express',
  component: 'database',
  exception: [
    {
      type: 'ConnectionError',
      value: 'connect ETIMEDOUT',
      frames: [{ filename: 'src/db.ts', function: 'connect', lineno: 42, inApp: true }],
    },
  ],
  tags: { region: 'eu-west-1' },
});

const agent = new Agent({ keepAlive: true, maxSockets: SINGLE_CONCURRENCY });
function post(body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: address.hostname,
        port: address.port,
        path: '/api/v1/events',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${publicKey}` },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface PhaseResult {
  eventsPerSecond: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
}

async function drive(concurrency: number, eventsPerRequest: number): Promise<PhaseResult> {
  const latencies: number[] = [];
  let failed = 0;
  let i = 0;
  const started = performance.now();
  const deadline = started + PHASE_MS;
  const worker = async () => {
    while (performance.now() < deadline) {
      const body =
        eventsPerRequest === 1
          ? JSON.stringify(sampleEvent(i++))
          : JSON.stringify(Array.from({ length: eventsPerRequest }, () => sampleEvent(i++)));
      const t0 = performance.now();
      const status = await post(body);
      latencies.push(performance.now() - t0);
      if (status !== 202) failed += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  const ok = latencies.length - failed;
  return {
    eventsPerSecond: Math.round((ok * eventsPerRequest) / seconds),
    requestsPerSecond: Math.round(latencies.length / seconds),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    failed,
  };
}

/** kafkajs alone: the ceiling ingest is measured against, same broker, same acks, same event size. */
async function rawProduceRate(): Promise<number> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 5 });
  await producer.connect();
  const value = JSON.stringify({
    ...sampleEvent(0),
    schemaVersion: 1,
    eventId: 'x'.repeat(32),
    projectId: '1',
    receivedAt: new Date().toISOString(),
  });
  let sent = 0;
  const started = performance.now();
  const deadline = started + PHASE_MS;
  const worker = async () => {
    while (performance.now() < deadline) {
      await producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: BATCH_SIZE }, () => ({ key: '1', value })),
      });
      sent += BATCH_SIZE;
    }
  };
  await Promise.all(Array.from({ length: BATCH_CONCURRENCY }, worker));
  const rate = Math.round(sent / ((performance.now() - started) / 1000));
  await producer.disconnect();
  return rate;
}

const round = (n: number) => Math.round(n * 100) / 100;

try {
  await drive(4, 1); // warm-up: connections, JIT, producer metadata (a short phase would skew the first numbers)
  const single = await drive(SINGLE_CONCURRENCY, 1);
  console.log(
    `single events, concurrency ${SINGLE_CONCURRENCY}: ${single.eventsPerSecond} events/s, p50 ${single.p50Ms} ms, p99 ${single.p99Ms} ms, failed ${single.failed}`,
  );
  const batch = await drive(BATCH_CONCURRENCY, BATCH_SIZE);
  console.log(
    `batches of ${BATCH_SIZE}, concurrency ${BATCH_CONCURRENCY}: ${batch.eventsPerSecond} events/s, p50 ${batch.p50Ms} ms, p99 ${batch.p99Ms} ms, failed ${batch.failed}`,
  );
  const raw = await rawProduceRate();
  const ratio = round(batch.eventsPerSecond / raw);
  console.log(
    `raw kafkajs produce (acks=all, ${BATCH_SIZE}-message batches, ${BATCH_CONCURRENCY} in flight): ${raw} messages/s; ingest batches / raw = ${ratio}`,
  );
  console.log(
    JSON.stringify({
      bench: 'ingest',
      phaseSeconds: PHASE_MS / 1000,
      single: { concurrency: SINGLE_CONCURRENCY, ...single },
      batch: { concurrency: BATCH_CONCURRENCY, size: BATCH_SIZE, ...batch },
      rawKafkajsMessagesPerSecond: raw,
      batchToRawRatio: ratio,
    }),
  );
} finally {
  agent.destroy();
  await app.close();
  await access.stop();
  await admin.deleteTopics({ topics: [topic, access.topics.access, access.topics.audit] }).catch(() => {});
  await admin.disconnect();
  redis.disconnect();
}
