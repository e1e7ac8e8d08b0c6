import type { AlertScope } from '@faultline/contracts';
import { keySlot, type RedisClient } from '@faultline/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterClient, startClusterClient } from '../../../../test/support/redis-cluster.js';
import { createWindowStore, type ScopeBatch, type WindowStore } from '../../src/store/window-store.js';

/** The slot a key would have if its `{...}` were plain characters. */
const untaggedSlot = (key: string) => keySlot(key.replace(/[{}]/g, ''));

describe('window store on a Redis Cluster', () => {
  let cluster: ClusterClient;
  let redis: RedisClient;
  let store: WindowStore;
  beforeAll(async () => {
    cluster = await startClusterClient();
    ({ redis } = cluster);
    store = createWindowStore(redis, {
      keyPrefix: 'fl:',
      lateToleranceMs: 5_000,
      updateIntervalMs: 60_000,
      alertIdleTtlMs: 3_600_000,
      maxLogEntries: 1000,
      sampleLimit: 5,
    });
  });
  afterAll(() => cluster?.stop());

  // Component and group in the scope: the four keys differ in more than their type, as in production.
  const scopes: AlertScope[] = Array.from({ length: 12 }, (_, i) => ({
    projectId: `p${i}`,
    severity: 'high',
    component: 'checkout',
    groupId: `g${i}`,
  }));
  const now = 1_700_000_000_000;
  const batchOf = (scope: AlertScope, ids: string[], newAlertId: string): ScopeBatch => ({
    scope,
    rule: { threshold: 3, windowMs: 60_000 },
    newAlertId,
    events: ids.map((id, i) => ({ id, time: now - 1000 + i, component: 'checkout', sample: '' })),
  });

  it('keeps each scope in one slot, and the scopes of a batch on several nodes', () => {
    for (const scope of scopes) {
      const keys = Object.values(store.keysOf(scope));
      expect(new Set(keys.map(keySlot)).size).toBe(1);
      expect(new Set(keys.map(untaggedSlot)).size).toBeGreaterThan(1);
    }
    // redis-cli gives each of the 3 masters a third of the slots.
    const thirds = new Set(scopes.map((scope) => Math.floor(keySlot(store.keysOf(scope).log) / 5462)));
    expect(thirds.size).toBeGreaterThan(1);
  });

  it('counts every scope of one batch, opens one alert each, and dedups the next burst into it', async () => {
    const opened = await store.apply(
      scopes.map((scope, i) => batchOf(scope, ['e1', 'e2', 'e3'], `alert-${i}`)),
      now,
    );
    expect(opened.map((o) => [o.decision, o.alertId, o.errorCount])).toEqual(
      scopes.map((_, i) => ['new', `alert-${i}`, 3]),
    );

    const again = await store.apply(
      scopes.map((scope, i) => batchOf(scope, ['e4', 'e1'], `other-${i}`)),
      now + 1000,
    );
    expect(again.map((o) => [o.decision === 'new', o.alertId, o.errorCount, o.duplicates])).toEqual(
      scopes.map((_, i) => [false, `alert-${i}`, 4, 1]),
    );
  });

  it('resolves through the multi-key script, so the next burst opens a new alert', async () => {
    const [scope] = scopes as [AlertScope];
    expect(await store.resolve(scope, 'alert-0')).toBe(true);
    expect(await redis.exists(store.keysOf(scope).log, store.keysOf(scope).components)).toBe(0);
    const [next] = await store.apply([batchOf(scope, ['e5', 'e6', 'e7'], 'alert-next')], now + 2000);
    expect([next?.decision, next?.alertId]).toEqual(['new', 'alert-next']);
  });

  it('flushes the counts held back in every slot through the due index, once', async () => {
    // Scopes 1..11 hold e4 back since their alert opened at `now` (scope 0 was resolved, which dropped its entry).
    const held = scopes.slice(1);
    const dueAt = now + 60_000;
    expect(await store.claimDue(dueAt - 1, 100, 10_000)).toEqual([]);
    const claims = await store.claimDue(dueAt, 100, 10_000);
    expect(claims.map((c) => c.alertId).sort()).toEqual(held.map((_, i) => `alert-${i + 1}`).sort());
    expect(await store.claimDue(dueAt, 100, 10_000)).toEqual([]);

    const outcomes = await Promise.all(claims.map((claim) => store.flush(claim, dueAt)));
    expect(outcomes.map((o) => (o.decision === 'update' ? o.errorCount : o.decision))).toEqual(
      claims.map(() => 4),
    );
    const again = await Promise.all(claims.map((claim) => store.flush(claim, dueAt)));
    expect(again.every((o) => o.decision === 'gone')).toBe(true);
    await Promise.all(claims.map((claim) => store.release(claim)));
    expect(await redis.zcard(store.dueKey)).toBe(0);
  });
});
