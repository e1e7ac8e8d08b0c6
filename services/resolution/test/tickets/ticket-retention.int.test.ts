import type { Ticket } from '@faultline/contracts';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_TICKET_RETENTION_SECONDS, TicketStore } from '../../src/tickets/ticket-store.js';
import { infraEndpoints, uniqueName, waitFor } from '../support/infra.js';

const redis = new Redis(infraEndpoints().redisUrl, { maxRetriesPerRequest: 3 });
const prefix = `${uniqueName('it-ticket-ttl')}:`;
afterAll(async () => {
  const keys = await redis.keys(`*${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

const ticketOf = (projectId: string, n: number) =>
  ({
    ticketId: `t${n}`,
    projectId,
    groupId: `g${n}`,
    title: 'payment failed for [email]',
    status: 'open',
    createdAt: new Date(1_700_000_000_000 + n).toISOString(),
  }) as unknown as Ticket;
const group = { ticketId: 't1', status: 'open' as const, generation: 1, regressed: false };

describe('ticket state in Redis expires', () => {
  it('every key a save writes carries the retention as its expiry', async () => {
    const store = new TicketStore(redis, prefix);
    await store.save(ticketOf('p1', 1), group);
    const keys = await redis.keys(`*${prefix}*`);
    expect(keys.length).toBe(3); // the ticket, its group, the project's index
    for (const key of keys) {
      const ttl = await redis.ttl(key);
      expect(ttl, key).toBeGreaterThan(DEFAULT_TICKET_RETENTION_SECONDS - 60);
      expect(ttl, key).toBeLessThanOrEqual(DEFAULT_TICKET_RETENTION_SECONDS);
    }
  });

  it('expired tickets are gone and pruned from the index a list reads', async () => {
    const store = new TicketStore(redis, prefix, 10_000, 1);
    await store.save(ticketOf('p2', 1), group);
    const kept = new TicketStore(redis, prefix);
    await kept.save(ticketOf('p2', 2));
    await waitFor(async () => (await redis.exists(store.ticketKey('p2', 't1'))) === 0, 5_000, 'expiry');
    expect(await redis.exists(store.groupKey('p2', 'g1'))).toBe(0);
    expect((await kept.list('p2', { limit: 10 })).map((t) => t.ticketId)).toEqual(['t2']);
    expect(await redis.zrange(`{${prefix}metrics:p:p2}:tickets`, 0, -1)).toEqual(['t2']);
  });
});
