import type { ClickHouseClient } from '@clickhouse/client';
import {
  createClickHouse,
  exceededQueryLimit,
  type QueryLimits,
  readOnlySettings,
} from '@faultline/clickhouse';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMetricsApp } from '../../src/api/build-app.js';
import { eventRow } from '../../src/ingest/rows.js';
import { startTestAccess, type TestAccess } from '../support/access.js';
import { logger, seed, testDatabase } from '../support/database.js';
import { at, categorized, type GroupSpec, SECOND, T0 } from '../support/fixtures.js';
import { infraEndpoints } from '../support/infra.js';

const GENEROUS: QueryLimits = {
  maxExecutionSeconds: 10,
  maxMemoryBytes: 1_073_741_824,
  maxResultRows: 100_000,
};
const group = (n: number): GroupSpec => ({
  groupId: `bbbbbbbbbbbbbbb${n}`,
  severity: 'high',
  category: 'system',
  component: 'database',
  team: 'infrastructure-team',
  message: `failure ${n}`,
});

/**
 * The analytics API reads through a read-only client under ClickHouse limits (the shared
 * ClickHouse applies them per request): a query past one answers a coded 422 naming it, never a
 * 500; within them the same query answers; and a client past its request rate gets a coded 429.
 */
describe('analytics read bounds', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  const clients: ClickHouseClient[] = [];
  const apps: FastifyInstance[] = [];
  let access: TestAccess;
  const asOwner = (app: FastifyInstance, url: string) => app.inject({ url, headers: access.owner.headers });
  const range = `from=${new Date(T0).toISOString()}&to=${new Date(T0 + 3_600_000).toISOString()}`;

  const appWith = async (limits: QueryLimits, rateLimit?: { perSecond: number; burst: number }) => {
    const client = createClickHouse({
      url: infraEndpoints().clickhouseUrl,
      database: db.config.clickhouse.database,
      settings: readOnlySettings(limits),
    });
    clients.push(client);
    const app = await buildMetricsApp({
      access: access.serviceAccess(),
      clickhouse: client,
      logger,
      now: () => T0 + 3_600_000,
      rateLimit,
    });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    db = await testDatabase();
    access = await startTestAccess();
    const events = [1, 2, 3, 4, 5].map((n) =>
      categorized('shop', group(n), at(n * SECOND), { eventId: `e-${n}` }),
    );
    await seed(db.client, 'events', 'errors.categorized', eventRow, events);
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await Promise.all(clients.map((client) => client.close()));
    await access?.stop();
    await db?.drop();
  });

  it('answers within the limits', async () => {
    const app = await appWith(GENEROUS);
    const answer = await asOwner(app, `/api/v1/projects/shop/groups?${range}`);
    expect(answer.statusCode).toBe(200);
    expect(answer.json().total).toBe(5);
  });

  it.each([
    { name: 'more rows than allowed', limits: { ...GENEROUS, maxResultRows: 2 }, limit: 'rows' },
    { name: 'more memory than allowed', limits: { ...GENEROUS, maxMemoryBytes: 1 }, limit: 'memory' },
  ])('answers 422 FL_METRICS_QUERY_TOO_EXPENSIVE for $name', async ({ limits, limit }) => {
    const app = await appWith(limits);
    const answer = await asOwner(app, `/api/v1/projects/shop/groups?${range}`);
    expect(answer.statusCode).toBe(422);
    expect(answer.json()).toMatchObject({ error: 'FL_METRICS_QUERY_TOO_EXPENSIVE', limit });
    expect(answer.json().message).toMatch(/narrow the time range/);
  });

  it('stops a query at its time limit, which the API answers as the same 422', async () => {
    const client = createClickHouse({
      url: infraEndpoints().clickhouseUrl,
      settings: readOnlySettings({ ...GENEROUS, maxExecutionSeconds: 1 }),
    });
    clients.push(client);
    const slow = client.query({
      query: 'SELECT count() FROM numbers(3000000000) WHERE sipHash64(number) % 7 = 1',
    });
    const error = await slow.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(exceededQueryLimit(error)).toBe('time');
  });

  it('runs read-only: a write through the API client is refused by ClickHouse', async () => {
    const client = createClickHouse({
      url: infraEndpoints().clickhouseUrl,
      database: db.config.clickhouse.database,
      settings: readOnlySettings(GENEROUS),
    });
    clients.push(client);
    await expect(client.command({ query: 'TRUNCATE TABLE events' })).rejects.toMatchObject({ code: '164' });
    expect(await db.count('SELECT count() FROM events')).toBe(5);
  });

  it('answers 429 FL_METRICS_RATE_LIMITED with Retry-After past a client rate, per client', async () => {
    const app = await appWith(GENEROUS, { perSecond: 0.5, burst: 2 });
    const alice = (await access.person('shop', 'viewer')).secret;
    const bob = (await access.person('shop', 'viewer')).secret;
    const ask = (token: string) =>
      app.inject({
        url: `/api/v1/projects/shop/critical?${range}`,
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await ask(alice)).statusCode).toBe(200);
    expect((await ask(alice)).statusCode).toBe(200);
    const refused = await ask(alice);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('2');
    expect(refused.json().error).toBe('FL_METRICS_RATE_LIMITED');
    expect((await ask(bob)).statusCode).toBe(200);
    // Probes are never limited.
    expect(
      (await app.inject({ url: '/healthz', headers: { authorization: `Bearer ${alice}` } })).statusCode,
    ).toBe(200);
  });
});
