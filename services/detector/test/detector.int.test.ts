import type { AlertEvent, AlertSignal, CategorizedEvent, Severity } from '@faultline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopeKeys } from '../src/store/window-store.js';
import { categorized } from './support/events.js';
import { type DetectorProcess, Harness } from './support/harness.js';
import { waitFor } from './support/infra.js';

const GROUPS = Array.from({ length: 8 }, (_, i) => `${i}`.repeat(16));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Events of one project and severity, spread over groups so they land on every partition (and both replicas). */
function burst(projectId: string, severity: Severity, count: number): CategorizedEvent[] {
  return Array.from({ length: count }, (_, i) =>
    categorized({
      projectId,
      severity,
      groupId: GROUPS[i % GROUPS.length],
      component: i % 2 ? 'api' : 'payment',
    }),
  );
}

function news(signals: AlertSignal[]): AlertSignal[] {
  return signals.filter((signal) => signal.kind === 'new');
}

function resolvedEvent(signal: AlertSignal): AlertEvent {
  return {
    schemaVersion: 1,
    eventId: `resolve-${signal.alertId}`,
    type: 'resolved',
    at: new Date().toISOString(),
    actor: 'on-call-engineer',
    alert: {
      alertId: signal.alertId,
      dedupKey: signal.dedupKey,
      scope: signal.scope,
      severity: signal.severity,
      status: 'resolved',
      errorCount: signal.errorCount,
      affectedComponents: signal.affectedComponents,
      message: signal.message,
      samples: signal.samples,
      firstSeen: signal.firstSeen,
      lastSeen: signal.lastSeen,
      stage: 0,
      resolvedBy: 'on-call-engineer',
    },
  };
}

describe('two detector replicas in one consumer group, on Kafka and Redis', () => {
  const harness = new Harness({
    FAULTLINE_DETECTION_UPDATE_INTERVAL_MS: '300',
    FAULTLINE_CONSUMER_MAX_BATCH: '4',
  });
  let first: DetectorProcess;

  beforeAll(async () => {
    await harness.start();
    [first] = await Promise.all([harness.startDetector('a'), harness.startDetector('b')]);
    await harness.waitForMembers(2);
  }, 120_000);
  afterAll(async () => {
    await harness.close();
  }, 60_000);

  it('a scripted burst fires exactly one alert per key', async () => {
    await harness.produceEvents([
      ...burst('p1', 'high', 12),
      ...burst('p1', 'critical', 3),
      ...burst('p2', 'high', 4),
    ]);
    await harness.waitForCommitted(harness.topics.errorsCategorized);

    const high = harness.signalsFor('p1:high');
    expect(news(high)).toHaveLength(1);
    expect(new Set(high.map((s) => s.alertId)).size).toBe(1);
    expect(news(high)[0]).toMatchObject({
      scope: { projectId: 'p1', severity: 'high' },
      severity: 'high',
      window: { sizeMs: 300_000, threshold: 5 },
      affectedComponents: ['api', 'payment'],
      message: expect.stringMatching(/^HIGH: \d+ errors detected$/),
    });
    expect(news(high)[0]?.errorCount).toBeGreaterThanOrEqual(5);
    expect(news(high)[0]?.samples.length).toBeGreaterThan(0);
    expect(Math.max(...high.map((s) => s.errorCount))).toBeLessThanOrEqual(12);

    const critical = harness.signalsFor('p1:critical');
    expect(news(critical)).toHaveLength(1);
    expect(new Set(critical.map((s) => s.alertId)).size).toBe(1);
    expect(harness.signalsFor('p2:high')).toEqual([]);
  });

  it('a continued burst gives updates, not new alerts', async () => {
    await harness.produceEvents(burst('cont', 'high', 5));
    await waitFor(() => news(harness.signalsFor('cont:high')).length > 0, 30_000, 'the first alert');
    for (let wave = 0; wave < 3; wave++) {
      // Longer than the update interval, so each wave may send one update.
      await sleep(500);
      await harness.produceEvents(burst('cont', 'high', 5));
    }
    await harness.waitForCommitted(harness.topics.errorsCategorized);

    const signals = harness.signalsFor('cont:high');
    const updates = signals.filter((s) => s.kind === 'update');
    expect(news(signals)).toHaveLength(1);
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.length).toBeLessThan(15);
    expect(new Set(signals.map((s) => s.alertId)).size).toBe(1);
    expect(Math.max(...updates.map((s) => s.errorCount))).toBeGreaterThan(news(signals)[0]?.errorCount ?? 0);
    expect(Math.max(...updates.map((s) => s.errorCount))).toBeLessThanOrEqual(20);
  });

  it('after a resolve, a new burst fires a new alert', async () => {
    await harness.produceEvents(burst('res', 'high', 5));
    await waitFor(() => news(harness.signalsFor('res:high')).length > 0, 30_000, 'the first alert');
    const [opened] = news(harness.signalsFor('res:high'));
    if (!opened) throw new Error('no alert');

    await harness.produceAlertEvent(resolvedEvent(opened));
    const stateKey = scopeKeys(harness.keyPrefix, { projectId: 'res', severity: 'high' }).state;
    await waitFor(
      async () => (await harness.redis.hget(stateKey, 'alertId')) === null,
      30_000,
      'the resolve to clear the alert',
    );

    await harness.produceEvents(burst('res', 'high', 5));
    await waitFor(() => news(harness.signalsFor('res:high')).length > 1, 30_000, 'a second alert');
    await harness.waitForCommitted(harness.topics.errorsCategorized);
    const alertIds = news(harness.signalsFor('res:high')).map((s) => s.alertId);
    expect(alertIds).toHaveLength(2);
    expect(alertIds[1]).not.toBe(opened.alertId);
  });

  it('killing one replica mid-burst neither loses nor doubles the alert', async () => {
    // medium: 20 in 15 minutes; the kill lands before the threshold is reached.
    const events = burst('kill', 'medium', 40);
    for (let wave = 0; wave < 8; wave++) {
      if (wave === 3) await first.kill();
      await harness.produceEvents(events.slice(wave * 5, wave * 5 + 5));
      await sleep(100);
    }
    await harness.waitForMembers(1);
    await harness.waitForCommitted(harness.topics.errorsCategorized);

    const signals = harness.signalsFor('kill:medium');
    expect(news(signals).length).toBeGreaterThan(0);
    // A replay may announce the alert again, but always as the same alert.
    expect(new Set(signals.map((s) => s.alertId)).size).toBe(1);
    // Every event counted once: none lost with the killed replica, none counted twice on redelivery.
    const stateKey = scopeKeys(harness.keyPrefix, { projectId: 'kill', severity: 'medium' }).state;
    expect(await harness.redis.hget(stateKey, 'count')).toBe('40');
  }, 120_000);
});
