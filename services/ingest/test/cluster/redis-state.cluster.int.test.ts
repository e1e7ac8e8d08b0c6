import { keySlot, type RedisClient } from '@faultline/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterClient, startClusterClient } from '../../../../test/support/redis-cluster.js';
import { ProjectStore } from '../../src/projects/project-store.js';
import { RedisRateLimiter } from '../../src/rate-limit/redis-rate-limiter.js';

describe('ingest state on a Redis Cluster', () => {
  let cluster: ClusterClient;
  let redis: RedisClient;
  beforeAll(async () => {
    cluster = await startClusterClient({
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    ({ redis } = cluster);
    await redis.connect();
  });
  afterAll(() => cluster?.stop());

  it('creates, authenticates, lists and revokes projects whose keys live on several nodes', async () => {
    const store = new ProjectStore(redis, 'fl:');
    const created = [];
    for (const name of ['shop', 'blog', 'api', 'admin', 'mobile', 'docs'])
      created.push(await store.create({ name }));
    const ids = created.map((c) => c.project.id);
    expect(
      new Set(ids.map((id) => Math.floor(keySlot(`fl:ingest:project:{${id}}`) / 5462))).size,
    ).toBeGreaterThan(1);

    for (const { project, publicKey } of created) {
      expect((await store.authenticate(publicKey)).id).toBe(project.id);
      expect((await store.authenticate(publicKey, project.id)).name).toBe(project.name);
    }
    expect((await store.list()).map((p) => p.id)).toEqual(ids);
    const [first] = created;
    if (!first) throw new Error('no project');
    expect(await store.revoke(first.project.id)).toBe(1);
    await expect(store.authenticate(first.publicKey)).rejects.toMatchObject({
      code: 'FL_INGEST_KEY_REVOKED',
    });
  });

  it('rate-limits each project with its script, projects on different nodes independent', async () => {
    const limiter = new RedisRateLimiter(redis, 'fl:');
    const projects = Array.from({ length: 12 }, (_, i) => String(100 + i));
    expect(new Set(projects.map((p) => Math.floor(keySlot(limiter.key(p)) / 5462))).size).toBeGreaterThan(1);
    const limit = { ratePerSecond: 1, burst: 3 };
    const now = 1_700_000_000_000;
    for (const projectId of projects) {
      const decisions = [];
      for (let i = 0; i < 4; i++) decisions.push((await limiter.take(projectId, limit, 1, now)).allowed);
      expect(decisions).toEqual([true, true, true, false]);
    }
  });
});
