import type { CategorizedEvent, TicketEvent } from '@faultline/contracts';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type HistoryDatabase,
  historyDatabase,
  seedHistory,
} from '../../../../test/support/history-database.js';
import { categorized, type GroupSpec, ticketEvent } from '../../../../test/support/history-fixtures.js';
import { loadResolutionConfig } from '../../src/config.js';
import {
  maintenanceLockKey,
  runMaintenanceOnce,
  startMaintenance,
} from '../../src/maintenance/start-maintenance.js';
import { uniqueName, waitFor } from '../support/infra.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Recent, so the events' 30-day TTL keeps the seeded rows.
const NOW = Math.floor(Date.now() / HOUR) * HOUR;
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const spec = (id: string): GroupSpec => ({
  groupId: id.padEnd(16, '0'),
  severity: 'high',
  category: 'system',
  component: 'database',
  team: 'infrastructure-team',
  message: `failure ${id}`,
});
const OLD = spec('old'); // resolved 10 days ago, quiet since: archived
const RECENT = spec('recent'); // resolved 3 days ago: not yet
const REGRESSED = spec('regressed'); // resolved 10 days ago, seen again after: not archived
const OPEN = spec('open'); // never resolved

const EVENTS: CategorizedEvent[] = [
  categorized('arc', OLD, ago(12 * DAY), { eventId: 'old-1' }),
  categorized('arc', OLD, ago(11 * DAY), { eventId: 'old-2' }),
  categorized('arc', RECENT, ago(4 * DAY)),
  categorized('arc', REGRESSED, ago(11 * DAY)),
  categorized('arc', REGRESSED, ago(2 * DAY)),
  categorized('arc', OPEN, ago(12 * DAY)),
];

const resolvedTicket = (id: string, group: GroupSpec, created: number, resolved: number): TicketEvent[] => [
  ticketEvent('created', ago(created), {
    ticketId: id,
    projectId: 'arc',
    groupId: group.groupId,
    createdAt: ago(created),
  }),
  ticketEvent('resolved', ago(resolved), {
    ticketId: id,
    projectId: 'arc',
    groupId: group.groupId,
    createdAt: ago(created),
    status: 'resolved',
    resolvedAt: ago(resolved),
    resolution: { description: 'fixed', resolver: 'alice' },
  }),
];
const TICKETS: TicketEvent[] = [
  ...resolvedTicket('t-old', OLD, 11 * DAY, 10 * DAY),
  ...resolvedTicket('t-recent', RECENT, 4 * DAY, 3 * DAY),
  ...resolvedTicket('t-regressed', REGRESSED, 11 * DAY, 10 * DAY),
  ticketEvent('created', ago(12 * DAY), {
    ticketId: 't-open',
    projectId: 'arc',
    groupId: OPEN.groupId,
    createdAt: ago(12 * DAY),
  }),
];

const logger = { info: () => {}, error: () => {} };
let db: HistoryDatabase;
let redis: Redis;
let config: Parameters<typeof runMaintenanceOnce>[0];

const archived = async () => {
  const result = await db.client.query({
    query: 'SELECT group_id, ticket_id, events, resolver, message FROM archived_groups ORDER BY group_id',
    format: 'JSONEachRow',
  });
  return result.json<{
    group_id: string;
    ticket_id: string;
    events: string;
    resolver: string;
    message: string;
  }>();
};

beforeAll(async () => {
  const keyPrefix = `${uniqueName('it-maint')}:`;
  db = await historyDatabase();
  config = loadResolutionConfig({
    REDIS_URL: inject('infra').redisUrl,
    FAULTLINE_REDIS_KEY_PREFIX: keyPrefix,
    CLICKHOUSE_DATABASE: db.database,
  });
  redis = new Redis(config.redis.url);
  await seedHistory(db.client, 'events', 'seed.events', EVENTS);
  await seedHistory(db.client, 'tickets', 'seed.tickets', TICKETS);
});
afterAll(async () => {
  await redis?.del(maintenanceLockKey(config));
  redis?.disconnect();
  await db?.drop();
});

describe('archiving resolved groups', () => {
  it('archives groups resolved longer ago than resolvedAfterDays and quiet since, once', async () => {
    const first = await runMaintenanceOnce(config, { clickhouse: db.client, logger, now: () => NOW });
    expect(first).toMatchObject({ archived: 1 });
    expect(await archived()).toEqual([
      { group_id: OLD.groupId, ticket_id: 't-old', events: '2', resolver: 'alice', message: 'failure old' },
    ]);
    // Again: nothing new, no duplicate row.
    expect(await runMaintenanceOnce(config, { clickhouse: db.client, logger, now: () => NOW })).toMatchObject(
      { archived: 0 },
    );
    expect(await archived()).toHaveLength(1);
  });

  it('follows archive.resolvedAfterDays', async () => {
    const twoDays = { ...config, archive: { ...config.archive, resolvedAfterDays: 2 } };
    expect(
      await runMaintenanceOnce(twoDays, { clickhouse: db.client, logger, now: () => NOW }),
    ).toMatchObject({ archived: 1 });
    expect((await archived()).map((r) => r.group_id)).toEqual([OLD.groupId, RECENT.groupId]);
  });

  it('skips a run while another instance holds the lock', async () => {
    await redis.set(maintenanceLockKey(config), 'another-instance', 'PX', 60_000);
    try {
      expect(await runMaintenanceOnce(config, { clickhouse: db.client, logger, now: () => NOW })).toBeNull();
      // The holder's lock is left alone.
      expect(await redis.get(maintenanceLockKey(config))).toBe('another-instance');
    } finally {
      await redis.del(maintenanceLockKey(config));
    }
  });

  it("runs on the service's timer", async () => {
    const FRESH = spec('fresh');
    await seedHistory(db.client, 'events', 'seed.events', [categorized('arc', FRESH, ago(3 * HOUR))], 100);
    await seedHistory(
      db.client,
      'tickets',
      'seed.tickets',
      resolvedTicket('t-fresh', FRESH, 2 * HOUR, HOUR),
      100,
    );
    const results: unknown[] = [];
    const fast = { ...config, archive: { ...config.archive, intervalMs: 100, resolvedAfterDays: 0 } };
    const maintenance = startMaintenance(fast, {
      clickhouse: db.client,
      logger: { info: (result: unknown) => results.push(result), error: () => {} },
      now: () => NOW,
    });
    try {
      // The run logs its result after releasing the lock: wait for the log, not only the rows.
      await waitFor(() => results.length > 0, 30_000, 'a timed run');
    } finally {
      maintenance.stop();
    }
    expect(results).toContainEqual(expect.objectContaining({ archived: 1 }));
    // Resolved-after 0 days: REGRESSED is still left out (seen after its resolution), OPEN is not resolved.
    expect((await archived()).map((r) => r.group_id)).toEqual([FRESH.groupId, OLD.groupId, RECENT.groupId]);
  });
});
