import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureInfra, resolveConfig, stopInfra } from '@faultline/infra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/free-port.js';
import { waitFor } from '../../../test/support/wait.js';
import { testInfra } from './support/infra.js';
import { type Harness, startIngest } from './support/ingest-harness.js';
import { TopicReader } from './support/topic-reader.js';

/**
 * Stops Kafka under a running ingest. It must never stop the shared broker, so it runs its own:
 * a second KRaft broker on free ports with its data in a temporary folder (jars from the shared cache).
 */
let home: string;
let infraOptions: { home: string; env: NodeJS.ProcessEnv; services: ['kafka'] };
let brokers: string[];
let ingest: Harness;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'faultline-ingest-outage-'));
  mkdirSync(home, { recursive: true });
  symlinkSync(join(resolveConfig().home, 'cache'), join(home, 'cache'));
  const env = {
    FAULTLINE_KAFKA_PORT: String(await freePort()),
    FAULTLINE_KAFKA_CONTROLLER_PORT: String(await freePort()),
    FAULTLINE_KAFKA_HEAP: '512m',
  };
  infraOptions = { home, env, services: ['kafka'] };
  ({ kafkaBrokers: brokers } = await ensureInfra(infraOptions));
  ingest = await startIngest(
    { kafkaBrokers: brokers, redisUrl: testInfra().redisUrl },
    { FAULTLINE_INGEST_PRODUCE_TIMEOUT_MS: '3000' },
    { read: false },
  );
}, 180_000);

afterAll(async () => {
  await ingest?.close().catch(() => {});
  if (infraOptions) await stopInfra(['kafka'], infraOptions);
  if (home) rmSync(home, { recursive: true, force: true });
}, 120_000);

describe('Kafka outage', () => {
  it('answers 503 while Kafka is down, and every event it accepted is in the topic exactly once', async () => {
    const project = await ingest.createProject({ name: 'outage' });
    const accepted: string[] = [];
    const statuses: number[] = [];
    let sequence = 0;
    let running = true;

    // Four clients sending one event at a time, each with its own eventId, for the whole test.
    const client = async () => {
      while (running) {
        const eventId = `outage-${sequence++}`;
        const response = await fetch(`${ingest.url}/api/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${project.key}` },
          body: JSON.stringify({
            eventId,
            timestamp: new Date().toISOString(),
            level: 'error',
            message: eventId,
            source: 'other',
          }),
        });
        statuses.push(response.status);
        if (response.status === 202) accepted.push(eventId);
        if (response.status === 503) {
          expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    };
    const clients = Array.from({ length: 4 }, client);

    await waitFor(() => accepted.length >= 50, 60_000, '50 accepted events', 100);
    await stopInfra(['kafka'], infraOptions);
    const acceptedBeforeStop = accepted.length;
    await waitFor(() => statuses.filter((s) => s === 503).length >= 4, 60_000, '503 answers', 100);
    await ensureInfra(infraOptions);
    const acceptedDuringOutage = accepted.length;
    await waitFor(
      () => accepted.length >= acceptedDuringOutage + 50,
      90_000,
      '50 accepted events after the restart',
      100,
    );
    running = false;
    await Promise.all(clients);

    expect(statuses.every((s) => s === 202 || s === 503)).toBe(true);
    expect(acceptedBeforeStop).toBeGreaterThanOrEqual(50);

    const reader = new TopicReader(brokers, `${ingest.config.kafka.topicPrefix}errors.raw`);
    await reader.start();
    try {
      const missing = () => accepted.filter((eventId) => reader.byEventId(eventId).length === 0);
      await waitFor(() => missing().length === 0, 60_000, 'every accepted event in the topic', 100).catch(
        () => {},
      );
      expect({ accepted: accepted.length, missing: missing() }).toEqual({
        accepted: accepted.length,
        missing: [],
      });
      const duplicates = accepted.filter((eventId) => reader.byEventId(eventId).length !== 1);
      expect(duplicates).toEqual([]);
    } finally {
      await reader.stop();
    }
  }, 300_000);
});
