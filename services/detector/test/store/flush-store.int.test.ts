import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueMemberOf } from '../../src/flush/due-member.js';
import { createWindowStore, type ScopeBatch, type WindowStore } from '../../src/store/window-store.js';
import { deleteKeys, infraEndpoints, uniqueName } from '../support/infra.js';

const INTERVAL = 30_000;
const LEASE = 10_000;
const T0 = Date.parse('2026-11-29T05:00:00.000Z');
const prefix = `${uniqueName('it-detector-flush')}:`;
let redis: Redis;
let other: Redis;

beforeAll(() => {
  redis = new Redis(infraEndpoints().redisUrl, { maxRetriesPerRequest: 3 });
  other = new Redis(infraEndpoints().redisUrl, { maxRetriesPerRequest: 3 });
});
afterAll(async () => {
  await deleteKeys(redis, prefix);
  await Promise.all([redis.quit(), other.quit()]);
});

function storeOn(client: Redis): WindowStore {
  return createWindowStore(client, {
    keyPrefix: prefix,
    lateToleranceMs: 60_000,
    updateIntervalMs: INTERVAL,
    alertIdleTtlMs: 3_600_000,
    maxLogEntries: 1000,
    sampleLimit: 5,
  });
}

let scopes = 0;
const freshScope = () => ({ projectId: `f${++scopes}`, severity: 'high' as const, component: 'pay:group=x' });
const batch = (scope: ReturnType<typeof freshScope>, ids: string[], at: number): ScopeBatch => ({
  scope,
  rule: { threshold: 3, windowMs: 60_000 },
  newAlertId: `alert-${scope.projectId}`,
  events: ids.map((id) => ({ id, time: at, component: 'pay:group=x', sample: JSON.stringify({ id }) })),
});

/** An alert opened at T0 that then held two events back: due at T0 + INTERVAL. */
async function heldBack(store: WindowStore) {
  const scope = freshScope();
  const [opened] = await store.apply([batch(scope, ['a', 'b', 'c'], T0)], T0);
  expect(opened?.decision).toBe('new');
  expect(
    await redis.zscore(store.dueKey, dueMemberOf({ alertId: `alert-${scope.projectId}`, scope })),
  ).toBeNull();
  const [held] = await store.apply([batch(scope, ['d', 'e'], T0 + 1000)], T0 + 1000);
  expect([held?.decision, held?.pending, held?.errorCount]).toEqual(['none', 2, 5]);
  const member = dueMemberOf({ alertId: `alert-${scope.projectId}`, scope });
  expect(Number(await redis.zscore(store.dueKey, member))).toBe(T0 + INTERVAL);
  return { scope, member };
}

describe('flush of held-back counts through the due index', () => {
  it('claims only what is due, leases it, and sends it exactly once when two replicas race', async () => {
    const [mine, theirs] = [storeOn(redis), storeOn(other)];
    const { member } = await heldBack(mine);
    expect((await mine.claimDue(T0 + INTERVAL - 1, 100, LEASE)).map((c) => c.member)).not.toContain(member);

    const claims = (await mine.claimDue(T0 + INTERVAL, 100, LEASE)).filter((c) => c.member === member);
    expect(claims).toHaveLength(1);
    // Leased: another replica does not get it again while the lease runs.
    expect((await theirs.claimDue(T0 + INTERVAL, 100, LEASE)).map((c) => c.member)).not.toContain(member);

    const claim = claims[0] as (typeof claims)[number];
    const outcomes = await Promise.all([
      mine.flush(claim, T0 + INTERVAL),
      theirs.flush(claim, T0 + INTERVAL),
    ]);
    const updates = outcomes.filter((o) => o.decision === 'update');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ errorCount: 5, components: ['pay:group=x'] });
    expect(outcomes.map((o) => o.decision).sort()).toEqual(['gone', 'update']);
    await mine.release(claim);
    expect(await redis.zscore(mine.dueKey, member)).toBeNull();
  });

  it('claims again after the lease when a claimer died before flushing', async () => {
    const store = storeOn(redis);
    const { member } = await heldBack(store);
    expect((await store.claimDue(T0 + INTERVAL, 100, LEASE)).map((c) => c.member)).toContain(member);
    const again = (await store.claimDue(T0 + INTERVAL + LEASE, 100, LEASE)).filter(
      (c) => c.member === member,
    );
    expect(again).toHaveLength(1);
    expect(await store.flush(again[0] as (typeof again)[number], T0 + INTERVAL + LEASE)).toMatchObject({
      decision: 'update',
      errorCount: 5,
    });
  });

  it('puts an entry that is not due yet back for its due time, and keeps one re-entered during the flush', async () => {
    const store = storeOn(redis);
    const { scope, member } = await heldBack(store);
    // An older reply wrote an early due time: the script knows better.
    await redis.zadd(store.dueKey, T0, member);
    const [claim] = (await store.claimDue(T0, 100, LEASE)).filter((c) => c.member === member);
    if (!claim) throw new Error('not claimed');
    expect(await store.flush(claim, T0 + 2000)).toEqual({ decision: 'later', dueAt: T0 + INTERVAL });
    expect(Number(await redis.zscore(store.dueKey, member))).toBe(T0 + INTERVAL);

    const [due] = (await store.claimDue(T0 + INTERVAL, 100, LEASE)).filter((c) => c.member === member);
    if (!due) throw new Error('not claimed');
    expect((await store.flush(due, T0 + INTERVAL)).decision).toBe('update');
    // An event held back after the flush re-enters the member before this replica releases it.
    await store.apply([batch(scope, ['f'], T0 + INTERVAL + 1)], T0 + INTERVAL + 1);
    await store.release(due);
    expect(Number(await redis.zscore(store.dueKey, member))).toBe(T0 + 2 * INTERVAL);
  });

  it('drops the entry on resolve, and entries of alerts no longer active or not its own when claimed', async () => {
    const store = storeOn(redis);
    const resolved = await heldBack(store);
    expect(await store.resolve(resolved.scope, `alert-${resolved.scope.projectId}`)).toBe(true);
    expect(await redis.zscore(store.dueKey, resolved.member)).toBeNull();

    const forgotten = await heldBack(store);
    await redis.del(store.keysOf(forgotten.scope).state);
    await redis.zadd(store.dueKey, T0, 'not a member of ours');
    const claims = await store.claimDue(T0 + INTERVAL, 100, LEASE);
    expect(claims.map((c) => c.member)).toContain(forgotten.member);
    const mine = claims.find((c) => c.member === forgotten.member);
    if (!mine) throw new Error('not claimed');
    expect(await store.flush(mine, T0 + INTERVAL)).toEqual({ decision: 'gone' });
    expect(await redis.zscore(store.dueKey, forgotten.member)).toBeNull();
    expect(await redis.zscore(store.dueKey, 'not a member of ours')).toBeNull();
  });
});
