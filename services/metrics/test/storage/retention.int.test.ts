import { afterEach, describe, expect, it } from 'vitest';
import { eventRow } from '../../src/ingest/rows.js';
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

let drop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await drop?.();
  drop = undefined;
});

// Retention is ClickHouse's TTL on `events` (migration 0001, `retention.eventsDays`), enforced when
// parts are written and merged; OPTIMIZE ... FINAL forces that merge so the test need not wait for one.
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
