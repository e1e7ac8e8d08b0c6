import type { Ticket } from '@faultline/contracts';
import { keySlot, type RedisClient } from '@faultline/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterClient, startClusterClient } from '../../../../test/support/redis-cluster.js';
import { TicketStore } from '../../src/tickets/ticket-store.js';

describe('ticket store on a Redis Cluster', () => {
  let cluster: ClusterClient;
  let redis: RedisClient;
  beforeAll(async () => {
    cluster = await startClusterClient();
    ({ redis } = cluster);
  });
  afterAll(() => cluster?.stop());

  it('saves a ticket with its group in one MULTI, lists with MGET, reads groups of many projects', async () => {
    const store = new TicketStore(redis, 'fl:');
    const projects = Array.from({ length: 12 }, (_, i) => `p${i}`);
    expect(
      new Set(projects.map((p) => Math.floor(keySlot(store.groupKey(p, 'g')) / 5462))).size,
    ).toBeGreaterThan(1);
    const ticketOf = (projectId: string, n: number) =>
      ({
        ticketId: `t${n}`,
        projectId,
        groupId: `g${n}`,
        status: 'open',
        createdAt: new Date(1_700_000_000_000 + n).toISOString(),
      }) as unknown as Ticket;

    for (const projectId of projects)
      for (const n of [1, 2])
        await store.withLock(projectId, `g:g${n}`, () =>
          store.save(ticketOf(projectId, n), {
            ticketId: `t${n}`,
            status: 'open',
            generation: n,
            regressed: false,
          }),
        );

    expect((await store.list('p3', { limit: 10 })).map((t) => t.ticketId)).toEqual(['t2', 't1']);
    const groups = await store.getGroups(projects.map((projectId) => ({ projectId, groupId: 'g2' })));
    expect(groups.map((g) => [g.ticketId, g.generation])).toEqual(projects.map(() => ['t2', 2]));
  });
});
