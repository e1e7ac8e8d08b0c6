import { loadConfig } from '@faultline/config';
import type { AlertSignal, CategorizedEvent } from '@faultline/contracts';
import type { ConsumedMessage, HandlerContext } from '@faultline/kafka';
import { createLogger } from '@faultline/observability';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DetectorConfig } from '../src/config.js';
import { createEventsHandler } from '../src/handle-events.js';
import { createWindowStore, type WindowStore } from '../src/store/window-store.js';
import { categorized } from './support/events.js';
import { deleteKeys, infraEndpoints, uniqueName } from './support/infra.js';

const prefix = `${uniqueName('it-detector-handler')}:`;
const detection = loadConfig(DetectorConfig, {
  env: { FAULTLINE_DETECTION_UPDATE_INTERVAL_MS: '0' },
}).detection;
const context = {
  topic: 't',
  partition: 0,
  heartbeat: async () => {},
  logger: createLogger({ service: 't', level: 'silent' }),
} as HandlerContext;
const clients: Redis[] = [];

function store(): WindowStore {
  const redis = new Redis(infraEndpoints().redisUrl, { maxRetriesPerRequest: 3 });
  clients.push(redis);
  return createWindowStore(redis, {
    keyPrefix: prefix,
    lateToleranceMs: detection.lateToleranceMs,
    updateIntervalMs: detection.updateIntervalMs,
    alertIdleTtlMs: detection.alertIdleTtlMs,
    maxLogEntries: detection.maxLogEntries,
    sampleLimit: 5,
  });
}

function messages(events: CategorizedEvent[]): ConsumedMessage<CategorizedEvent>[] {
  return events.map((value, i) => ({
    value,
    key: null,
    topic: 't',
    partition: 0,
    offset: String(i),
    timestamp: '0',
    headers: {},
  }));
}

beforeAll(() => {
  store();
});
afterAll(async () => {
  await deleteKeys(clients[0] as Redis, prefix);
  await Promise.all(clients.map((c) => c.quit()));
});

describe('events handler on Redis', () => {
  it('announces the alert again, with the same id, when a batch is redelivered after a crash before the produce', async () => {
    const shared = store();
    const published: AlertSignal[] = [];
    const crashing = createEventsHandler({
      detection,
      store: shared,
      sampleLimit: 5,
      publish: async () => {
        throw new Error('killed before the produce');
      },
    });
    const working = createEventsHandler({
      detection,
      store: store(),
      sampleLimit: 5,
      publish: async (s) => void published.push(...s),
    });
    const burst = messages(
      Array.from({ length: 6 }, () => categorized({ projectId: 'crash', component: 'api' })),
    );

    await expect(crashing(burst, context)).rejects.toThrow('killed before the produce');
    const decided = await clients[0]?.hget(
      shared.keysOf({ projectId: 'crash', severity: 'high' }).state,
      'alertId',
    );
    expect(decided).toBeTruthy();

    await working(burst, context);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      kind: 'new',
      alertId: decided,
      dedupKey: 'crash:high',
      errorCount: 6,
      message: 'HIGH: 6 errors detected',
      affectedComponents: ['api'],
    });
    expect(published[0]?.samples).toHaveLength(5);
  });

  it('opens exactly one alert when replicas apply the same scope at the same time', async () => {
    const published: AlertSignal[] = [];
    const replicas = [store(), store(), store()].map((s) =>
      createEventsHandler({
        detection,
        store: s,
        sampleLimit: 5,
        publish: async (signals) => void published.push(...signals),
      }),
    );
    for (let round = 0; round < 10; round++) {
      await Promise.all(
        replicas.map((handler) =>
          handler(
            messages([categorized({ projectId: 'race' }), categorized({ projectId: 'race' })]),
            context,
          ),
        ),
      );
    }
    const news = published.filter((s) => s.kind === 'new');
    expect(news).toHaveLength(1);
    expect(published.every((s) => s.alertId === news[0]?.alertId)).toBe(true);
    expect(Math.max(...published.map((s) => s.errorCount))).toBe(60);
  });

  it('makes one Redis round trip per batch, whatever the number of scopes', async () => {
    const s = store();
    const handler = createEventsHandler({ detection, store: s, sampleLimit: 5, publish: async () => {} });
    const events = ['critical', 'high', 'medium', 'low'].flatMap((severity) =>
      ['p1', 'p2', 'p3'].map((projectId) =>
        categorized({ projectId: `rt-${projectId}`, severity: severity as 'high' }),
      ),
    );
    await handler(messages(events), context);
    expect(s.stats()).toMatchObject({ roundTrips: 1, commands: 12 });
  });

  it('clamps event times from a clock ahead of ours to now', async () => {
    const published: AlertSignal[] = [];
    const now = Date.parse('2026-11-29T05:00:00.000Z');
    const handler = createEventsHandler({
      detection,
      store: store(),
      sampleLimit: 5,
      now: () => now,
      publish: async (s) => void published.push(...s),
    });
    await handler(
      messages([
        categorized({ projectId: 'future', severity: 'critical', timestamp: '2030-01-01T00:00:00.000Z' }),
      ]),
      context,
    );
    expect(published[0]).toMatchObject({ kind: 'new', lastSeen: new Date(now).toISOString() });
    expect(published[0]?.samples).toHaveLength(1);
  });
});
