import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAccessView, startAccessView } from '../../src/index.js';
import {
  AccessWriter,
  createAccessTopic,
  deleteTopic,
  testKafka,
  testLogger,
  waitFor,
} from '../support/kafka.js';
import { member, token, user } from '../support/records.js';

describe('startAccessView on a real Kafka', () => {
  let kafka: Kafka;
  const topics: string[] = [];
  const running: RunningAccessView[] = [];

  beforeAll(() => {
    kafka = testKafka();
  });
  afterAll(async () => {
    await Promise.all(running.map((r) => r.stop()));
    for (const topic of topics) await deleteTopic(kafka, topic);
  });

  async function start(topic: string): Promise<RunningAccessView> {
    const view = await startAccessView({
      kafka,
      topic,
      logger: testLogger,
      groupIdPrefix: 'test.access-view',
    });
    running.push(view);
    return view;
  }

  it('is ready only once everything written before start is applied, tombstones and all', async () => {
    const topic = await createAccessTopic(kafka, 2);
    topics.push(topic);
    const writer = await AccessWriter.open(kafka, topic);
    const users = Array.from({ length: 300 }, (_, i) => user(`u${i}`));
    const kept = token({ userId: 'u1', projects: ['*'], scope: 'read' });
    await writer.write(
      ...users,
      user('temp'),
      { tombstone: 'user:temp' },
      member('checkout', { userId: 'u1' }, 'responder'),
      kept.record,
      // Unreadable under an existing key: fails closed, the key's record goes.
      user('u2', { name: 'before' }),
      { key: 'user:u2', raw: '{"schemaVersion":1,"kind":"user"}' },
    );
    await writer.close();

    const { view } = await start(topic);
    expect(view.isReady()).toBe(false);
    await view.ready();
    // Checked synchronously at the moment ready resolved: nothing written before start is missing.
    expect(view.list('user')).toHaveLength(299);
    expect(view.user('u299')?.name).toBe('User u299');
    expect(view.user('temp')).toBeUndefined();
    expect(view.user('u2')).toBeUndefined();
    expect(view.userByEmail('U1@example.com')?.userId).toBe('u1');
    expect(view.roleOf({ userId: 'u1' }, 'checkout')).toBe('responder');
    expect(view.roleOf({ tokenId: kept.record.tokenId }, 'checkout')).toBe('viewer');
    expect(view.tokenBySecret(kept.secret)?.tokenId).toBe(kept.record.tokenId);
    expect(view.visibleProjects({ userId: 'u1' })).toEqual({ all: false, projectIds: ['checkout'] });
  });

  it('is ready at once on an empty topic', async () => {
    const topic = await createAccessTopic(kafka);
    topics.push(topic);
    const { view } = await start(topic);
    expect(view.isReady()).toBe(true);
  });

  it('applies records and tombstones within a second, and refuses a revoked token within 5 seconds', async () => {
    const topic = await createAccessTopic(kafka);
    topics.push(topic);
    const writer = await AccessWriter.open(kafka, topic);
    const ci = token({ projects: ['checkout'], scope: 'respond', name: 'ci' });
    await writer.write(user('alice'), ci.record);
    const { view } = await start(topic);
    await view.ready();
    expect(view.identityFromToken(ci.secret).ok).toBe(true);

    const fresh = token({ projects: ['*'], scope: 'read' });
    let sentAt = Date.now();
    await writer.write(fresh.record, user('bob'));
    await waitFor(
      () => view.identityFromToken(fresh.secret).ok && view.user('bob') !== undefined,
      1000,
      'new records',
      20,
    );
    expect(Date.now() - sentAt).toBeLessThan(1000);

    sentAt = Date.now();
    await writer.write({ tombstone: 'user:alice' });
    await waitFor(() => view.user('alice') === undefined, 1000, 'the tombstone', 20);
    expect(Date.now() - sentAt).toBeLessThan(1000);

    sentAt = Date.now();
    await writer.write({ ...ci.record, revokedAt: new Date().toISOString() });
    await waitFor(() => !view.identityFromToken(ci.secret).ok, 5000, 'the revocation', 20);
    expect(Date.now() - sentAt).toBeLessThan(5000);
    expect(view.identityFromToken(ci.secret)).toEqual({ ok: false, reason: 'token revoked' });
    await writer.close();
  });

  it('stop() leaves the group and settles done', async () => {
    const topic = await createAccessTopic(kafka);
    topics.push(topic);
    const reader = await startAccessView({ kafka, topic, logger: testLogger });
    await reader.view.ready();
    await reader.stop();
    await expect(reader.done).resolves.toBeUndefined();
  });
});
