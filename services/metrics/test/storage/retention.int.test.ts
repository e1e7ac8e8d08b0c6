import { afterEach, describe, expect, it } from 'vitest';
import { eventRow } from '../../src/ingest/rows.js';
import { retentionRules, TABLES_WITHOUT_RETENTION } from '../../src/storage/retention-rules.js';
import { seed, testDatabase } from '../support/database.js';
import { categorized, type GroupSpec } from '../support/fixtures.js';

const DAY = 86_400_000;
const GROUP: GroupSpec = {
  groupId: 'retention0000000',
  severity: 'low',
  category: 'general',
  component: 'web',
  team: 'frontend-team',
  message: 'retained?',
};
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
/** `2026-01-02 03:04:05.678`: how a DateTime64 parameter is written. */
const chTime = (days: number) => daysAgo(days).replace('T', ' ').replace('Z', '');

let drop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await drop?.();
  drop = undefined;
});

// Retention is ClickHouse's TTL on each table (migrations 0001, 0004, 0007, 0008, `retention.*`),
// enforced when parts are written and merged; OPTIMIZE ... FINAL forces that merge so the test
// need not wait for one.
describe('raw event retention', () => {
  it.each([
    { name: 'default 30 days', env: {} as Record<string, string>, ages: [40, 31, 29, 1], kept: 2 },
    {
      name: 'FAULTLINE_RETENTION_DAYS=3',
      env: { FAULTLINE_RETENTION_DAYS: '3' },
      ages: [29, 4, 2, 1],
      kept: 2,
    },
  ])('$name', async ({ env, ages, kept }) => {
    const db = await testDatabase(env);
    drop = db.drop;
    await seed(
      db.client,
      'events',
      'seed.events',
      eventRow,
      ages.map((age) => categorized('ret', GROUP, daysAgo(age))),
    );
    await db.client.command({ query: 'OPTIMIZE TABLE events FINAL' });
    expect(await db.count('SELECT count() FROM events')).toBe(kept);
  });
});

describe('retention of every table', () => {
  it('every MergeTree table has the TTL its rule documents, and none is left without one', async () => {
    const db = await testDatabase({ FAULTLINE_TICKET_RETENTION_DAYS: '45' });
    drop = db.drop;
    const result = await db.client.query({
      query: `SELECT name, engine_full FROM system.tables
              WHERE database = currentDatabase() AND engine LIKE '%MergeTree' AND name NOT LIKE '.inner%'`,
      format: 'JSONEachRow',
    });
    const tables = await result.json<{ name: string; engine_full: string }>();
    const rules = new Map(retentionRules(db.config.retention).map((rule) => [rule.table, rule]));
    expect(rules.get('tickets')?.days).toBe(45);
    for (const { name, engine_full } of tables) {
      if (TABLES_WITHOUT_RETENTION.includes(name)) continue;
      const rule = rules.get(name);
      expect(rule, `${name} has no retention rule`).toBeDefined();
      expect(engine_full, name).toMatch(
        new RegExp(`TTL .*${rule?.column}.* \\+ toIntervalDay\\(${rule?.days}\\)`),
      );
    }
    expect(tables.map((t) => t.name).sort()).toEqual([...rules.keys(), ...TABLES_WITHOUT_RETENTION].sort());
  });

  it('a forced merge drops alert, notification, ticket and archive rows older than their retention', async () => {
    const db = await testDatabase({
      FAULTLINE_ALERT_RETENTION_DAYS: '10',
      FAULTLINE_TICKET_RETENTION_DAYS: '20',
      FAULTLINE_ARCHIVE_RETENTION_DAYS: '30',
    });
    drop = db.drop;
    const insert = (table: string, columns: string, rows: string[]) =>
      db.client.command({ query: `INSERT INTO ${table} (${columns}) VALUES ${rows.join(', ')}` });
    // Notified alert events also feed `notifications` through its view.
    await insert(
      'alert_events',
      'project_id, alert_id, at, type, notification_channel',
      [11, 9, 1].map((age) => `('p', 'a${age}', '${chTime(age)}', 'notified', 'slack')`),
    );
    await insert(
      'tickets',
      'project_id, ticket_id, at, type',
      [25, 19, 1].map((age) => `('p', 't${age}', '${chTime(age)}', 'created')`),
    );
    await insert(
      'archived_groups',
      'project_id, group_id, resolved_at, archived_at',
      [40, 29].map((age) => `('p', 'g${age}', '${chTime(age + 7)}', '${chTime(age)}')`),
    );
    for (const table of ['alert_events', 'notifications', 'tickets', 'archived_groups'])
      await db.client.command({ query: `OPTIMIZE TABLE ${table} FINAL` });
    expect(await db.count('SELECT count() FROM alert_events')).toBe(2);
    expect(await db.count('SELECT count() FROM notifications')).toBe(2);
    expect(await db.count('SELECT count() FROM tickets')).toBe(2);
    expect(await db.count('SELECT count() FROM archived_groups')).toBe(1);
  });
});
