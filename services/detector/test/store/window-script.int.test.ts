import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWindowStore, type StoreSettings, type WindowStore } from '../../src/store/window-store.js';
import {
  applyEvents,
  emptyScope,
  flushAlert,
  logCapFor,
  resolveAlert,
  type ScopeState,
  type WindowSettings,
} from '../../src/window/sliding-window.js';
import { deleteKeys, infraEndpoints, uniqueName } from '../support/infra.js';
import {
  alertIdOf,
  expectedFlush,
  expectedOutcome,
  nowOf,
  type Outcome,
  SECOND,
  settingsOf,
  T0,
  WINDOW_CASES,
  type WindowCase,
} from '../window/cases.js';

const MAX_LOG_ENTRIES = 1000;
let redis: Redis;
const prefix = `${uniqueName('it-detector-script')}:`;

beforeAll(() => {
  redis = new Redis(infraEndpoints().redisUrl, { maxRetriesPerRequest: 3 });
});
afterAll(async () => {
  await deleteKeys(redis, prefix);
  await redis.quit();
});

function storeFor(settings: WindowSettings, maxLogEntries = MAX_LOG_ENTRIES): WindowStore {
  const storeSettings: StoreSettings = {
    keyPrefix: prefix,
    lateToleranceMs: settings.lateToleranceMs,
    updateIntervalMs: settings.updateIntervalMs,
    alertIdleTtlMs: 3_600_000,
    maxLogEntries,
    sampleLimit: 5,
  };
  return createWindowStore(redis, storeSettings);
}

let scopes = 0;
function freshScope() {
  scopes++;
  return { projectId: `p${scopes}`, severity: 'high' as const };
}

/** Runs a case through the Redis script and the model side by side; returns the Redis outcomes. */
async function runBoth(windowCase: WindowCase, maxLogEntries = MAX_LOG_ENTRIES) {
  const settings = settingsOf(windowCase);
  const rule = { threshold: settings.threshold, windowMs: settings.windowMs };
  const modelSettings = { ...settings, logCap: logCapFor(rule, settings.lateToleranceMs, maxLogEntries) };
  const store = storeFor(settings, maxLogEntries);
  const scope = freshScope();
  let model: ScopeState = emptyScope();
  const results: { index: number; redis: Outcome; model: Outcome }[] = [];
  const flushes: string[] = [];

  for (const [index, step] of windowCase.steps.entries()) {
    if ('resolve' in step) {
      const alertId = step.resolve === 'current' ? (model.alert?.alertId ?? '') : 'someone-else';
      const fromModel = resolveAlert(model, alertId);
      model = fromModel.state;
      expect(await store.resolve(scope, alertId), `step ${index}`).toBe(fromModel.cleared);
      if (step.expectCleared !== undefined)
        expect(fromModel.cleared, `step ${index}`).toBe(step.expectCleared);
      continue;
    }
    if ('flush' in step) {
      const alertId = step.alertId === 'other' ? 'someone-else' : (model.alert?.alertId ?? '');
      const now = T0 + step.flush;
      const fromModel = flushAlert(model, alertId, { now, updateIntervalMs: settings.updateIntervalMs });
      model = fromModel.state;
      const member = JSON.stringify([alertId, scope.projectId, scope.severity, null, null]);
      const fromRedis = await store.flush({ alertId, scope, member, leaseUntil: 0 }, now);
      flushes.push(fromRedis.decision);
      const seen = {
        decision: fromRedis.decision,
        errorCount: fromRedis.decision === 'update' ? fromRedis.errorCount : (model.alert?.errorCount ?? 0),
        dueAt: fromRedis.decision === 'later' ? fromRedis.dueAt : undefined,
      };
      expect(seen, `step ${index}`).toEqual({
        decision: fromModel.decision,
        errorCount: model.alert?.errorCount ?? 0,
        dueAt: fromModel.dueAt,
      });
      if (step.expect) expect(seen, `step ${index}`).toMatchObject(expectedFlush(step.expect));
      const state = await redis.hmget(store.keysOf(scope).state, 'signalAt', 'pending');
      expect(state.map(Number), `state after step ${index}`).toEqual(
        model.alert ? [model.alert.lastSignalAt, model.alert.pending] : [0, 0],
      );
      continue;
    }
    const events = step.events.map((e) => ({ id: e.id, time: T0 + e.at, component: e.component ?? '' }));
    const now = nowOf(step);
    const modelResult = applyEvents(model, events, {
      now,
      settings: modelSettings,
      newAlertId: alertIdOf(index),
    });
    model = modelResult.state;
    const [fromRedis] = await store.apply(
      [{ scope, rule, newAlertId: alertIdOf(index), events: events.map((e) => ({ ...e, sample: '' })) }],
      now,
    );
    if (!fromRedis) throw new Error('no outcome');
    const alert = model.alert;
    results.push({
      index,
      redis: {
        decision: fromRedis.decision,
        alertId: fromRedis.alertId,
        errorCount: fromRedis.errorCount,
        firstSeen: fromRedis.firstSeen,
        lastSeen: fromRedis.lastSeen,
        late: fromRedis.late,
        duplicates: fromRedis.duplicates,
        counted: fromRedis.counted,
        components: [...fromRedis.components].sort(),
        pending: fromRedis.pending,
        signalAt: fromRedis.signalAt,
      },
      model: {
        decision: modelResult.decision,
        alertId: alert?.alertId ?? '',
        errorCount: alert?.errorCount ?? 0,
        firstSeen: alert?.firstSeen ?? 0,
        lastSeen: alert?.lastSeen ?? 0,
        late: modelResult.late,
        duplicates: modelResult.duplicates,
        counted: modelResult.counted,
        components: [...(alert?.components ?? [])].sort(),
        pending: alert?.pending ?? 0,
        signalAt: alert?.lastSignalAt ?? 0,
      },
    });
    // The log itself must match too: same members, same times.
    const log = await redis.zrange(store.keysOf(scope).log, 0, -1, 'WITHSCORES');
    const members = [];
    for (let i = 0; i < log.length; i += 2) members.push(`${log[i]}@${Number(log[i + 1]) - T0}`);
    expect(members, `log after step ${index}`).toEqual(
      model.log.map((e) => `${e.id}|${e.component}@${e.time - T0}`),
    );
  }
  return { results, store, scope, flushes };
}

describe('window script in Redis agrees with the model', () => {
  it.each(WINDOW_CASES.map((c) => [c.name, c] as const))('%s', async (_name, windowCase) => {
    const { results } = await runBoth(windowCase);
    for (const { index, redis: fromRedis, model } of results) {
      expect(fromRedis, `step ${index}`).toEqual(model);
      const step = windowCase.steps[index];
      if (step && 'events' in step && step.expect)
        expect(fromRedis, `step ${index}`).toMatchObject(expectedOutcome(step.expect));
    }
  });

  it('agrees on a seeded random stream with late, duplicate and out-of-order events, trimming and resolves', async () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const steps: WindowCase['steps'] = [];
    const sent: { id: string; at: number; component?: string }[] = [];
    let clock = 0;
    for (let batch = 0; batch < 60; batch++) {
      if (random() < 0.08) {
        steps.push({ resolve: 'current' });
        continue;
      }
      if (random() < 0.15) {
        clock += Math.floor(random() * 3000);
        steps.push({ flush: clock });
        continue;
      }
      const events = [];
      for (let n = Math.floor(random() * 6) + 1; n > 0; n--) {
        clock += Math.floor(random() * 1500);
        const replay = sent.length > 0 && random() < 0.15;
        const event = replay
          ? (sent[Math.floor(random() * sent.length)] as (typeof sent)[number])
          : {
              id: `e${sent.length}`,
              at: clock - Math.floor(random() * 4000),
              component: ['api', 'db', ''][Math.floor(random() * 3)],
            };
        if (!replay) sent.push(event);
        events.push(event);
      }
      steps.push({ events, now: clock + 100 });
    }
    const windowCase: WindowCase = {
      name: 'random',
      settings: {
        threshold: 4,
        windowMs: 5 * SECOND,
        lateToleranceMs: 3 * SECOND,
        updateIntervalMs: 2 * SECOND,
      },
      steps,
    };
    // A small maxLogEntries makes the cap bite while no alert is active.
    const { results, flushes } = await runBoth(windowCase, 6);
    for (const { index, redis: fromRedis, model } of results)
      expect(fromRedis, `step ${index}`).toEqual(model);
    const decisions = results.map((r) => r.redis.decision);
    // The stream is meant to exercise every branch.
    expect(decisions).toContain('new');
    expect(decisions).toContain('update');
    expect(flushes).toEqual(expect.arrayContaining(['update', 'later', 'gone']));
    expect(results.some((r) => r.redis.late > 0)).toBe(true);
    expect(results.some((r) => r.redis.duplicates > 0)).toBe(true);
  });
});

describe('window keys in Redis', () => {
  it('share the scope hash tag, all expire, and keep at most 5 samples', async () => {
    const settings = settingsOf({ name: 'keys', settings: {}, steps: [] });
    const store = storeFor(settings);
    const scope = { projectId: 'keys-project', severity: 'high' as const, component: 'pay{ment}' };
    const events = Array.from({ length: 8 }, (_, i) => ({
      id: `k${i}`,
      time: T0 + i * SECOND,
      component: 'payment',
      sample: JSON.stringify({ eventId: `k${i}`, at: i }),
    }));
    const [outcome] = await store.apply(
      [{ scope, rule: { threshold: 5, windowMs: 60_000 }, newAlertId: 'a1', events }],
      T0 + 10 * SECOND,
    );
    expect(outcome).toMatchObject({ decision: 'new', alertId: 'a1', errorCount: 8 });
    expect(outcome?.samples.map((s) => JSON.parse(s).eventId)).toEqual(['k7', 'k6', 'k5', 'k4', 'k3']);

    const keys = Object.values(store.keysOf(scope));
    expect(keys.every((key) => key.startsWith(`${prefix}detector:{keys-project:high}:`))).toBe(true);
    const slots = await Promise.all(
      keys.map((key) => redis.call('CLUSTER', 'KEYSLOT', key).catch(() => null)),
    );
    if (slots[0] !== null) expect(new Set(slots).size).toBe(1);
    for (const key of keys) {
      expect(await redis.exists(key), key).toBe(1);
      expect(await redis.pttl(key), key).toBeGreaterThan(0);
    }

    expect(await store.resolve(scope, 'a1')).toBe(true);
    expect(await store.resolve(scope, 'a1')).toBe(false);
    expect(await redis.hget(store.keysOf(scope).state, 'alertId')).toBeNull();
  });
});
