import { keySlot, type RedisClient } from '@faultline/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterClient, startClusterClient } from '../../../../test/support/redis-cluster.js';
import { DeliveryLog } from '../../src/delivery/delivery-log.js';
import { alerterKeys } from '../../src/keys.js';
import type { Job, SendJob } from '../../src/schedule/jobs.js';
import { Schedule } from '../../src/schedule/schedule.js';
import type { AlertRecord } from '../../src/state/alert-record.js';
import { AlertStore } from '../../src/state/alert-store.js';

/** The slot a key would have if its `{...}` were plain characters. */
const untaggedSlot = (key: string) => keySlot(key.replace(/[{}]/g, ''));
const keys = alerterKeys('fl:');
const alertIds = Array.from({ length: 12 }, (_, i) => `alert-${i}`);

describe('alerter stores on a Redis Cluster', () => {
  let cluster: ClusterClient;
  let redis: RedisClient;
  beforeAll(async () => {
    cluster = await startClusterClient();
    ({ redis } = cluster);
  });
  afterAll(() => cluster?.stop());

  it('writes and loads many alerts, spread over nodes, with compare-and-set', async () => {
    // The point: one batch touches several nodes, which a single pipeline cannot.
    expect(new Set(alertIds.map((id) => Math.floor(keySlot(keys.alert(id)) / 5462))).size).toBeGreaterThan(1);
    const store = new AlertStore(redis, keys, 3600);
    const recordOf = (i: number) =>
      ({ alert: { status: 'firing' }, firedAt: 1000 + i }) as unknown as AlertRecord;
    const writes = alertIds.map((alertId, i) => ({ alertId, expectedVersion: 0, record: recordOf(i) }));

    expect(await store.compareAndSet(writes)).toEqual(alertIds.map(() => true));
    expect(await store.compareAndSet(writes.slice(0, 2))).toEqual([false, false]); // stale versions lose
    const loaded = await store.load(alertIds);
    expect(alertIds.map((id) => loaded.get(id)?.version)).toEqual(alertIds.map(() => 1));
    expect((await store.list(3)).map((r) => r.firedAt)).toEqual([1011, 1010, 1009]);
  });

  it('claims and settles jobs with scripts over the schedule and its attempt counts', async () => {
    expect(keySlot(keys.schedule)).toBe(keySlot(keys.attempts));
    expect(untaggedSlot(keys.schedule)).not.toBe(untaggedSlot(keys.attempts));
    const schedule = new Schedule(redis, keys);
    const jobs: Job[] = alertIds.map((alertId) => ({ kind: 'sla', alertId }));
    await schedule.enqueue(jobs.map((job, i) => ({ job, dueAt: 100 + i })));

    const claimed = await schedule.claim(105, 60_000, 100);
    expect(claimed.map((c) => c.job)).toEqual(jobs.slice(0, 6));
    expect(await schedule.claim(105, 60_000, 100)).toEqual([]); // leased to the first claim

    const [first] = claimed;
    if (!first) throw new Error('nothing claimed');
    expect(await schedule.settle(first, 200, true)).toBe(true);
    expect(await schedule.settle(first, 200, true)).toBe(false); // the lease moved on
    const retried = await schedule.claim(200, 60_000, 100);
    expect(retried.find((c) => c.member === first.member)?.attempts).toBe(1);
  });

  it('keeps the delivery log of an alert in the alert slot', async () => {
    const job: SendJob = {
      kind: 'deliver',
      alertId: 'alert-3',
      purpose: 'page',
      stage: 0,
      channel: 'slack',
      recipient: '#ops',
    };
    expect(keySlot(keys.delivery(job))).toBe(keySlot(keys.alert('alert-3')));
    expect(untaggedSlot(keys.delivery(job))).not.toBe(untaggedSlot(keys.alert('alert-3')));
    const log = new DeliveryLog(redis, keys, { attemptLeaseMs: 60_000, ttlSeconds: 3600 });

    const claim = await log.claimAttempt(job);
    if (claim.kind !== 'claimed') throw new Error(`expected a claim, got ${claim.kind}`);
    expect((await log.claimAttempt(job)).kind).toBe('busy');
    await log.release(job, claim.token);
    expect((await log.claimAttempt(job)).kind).toBe('claimed');
    await log.settle(job, { status: 'sent', attempt: 1, at: '2024-01-01T00:00:00Z' });
    expect(await log.claimAttempt(job)).toMatchObject({ kind: 'settled', record: { status: 'sent' } });
  });
});
