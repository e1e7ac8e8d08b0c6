import type { CategorizedEvent, TicketEvent } from '@faultline/contracts';
import { createMetricsRegistry } from '@faultline/observability';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMetricsApp } from '../../src/api/build-app.js';
import { eventRow, ticketRow } from '../../src/ingest/rows.js';
import { startTestAccess, type TestAccess } from '../support/access.js';
import { logger, seed, testDatabase } from '../support/database.js';
import { at, categorized, type GroupSpec, HOUR, MINUTE, T0, ticketEvent } from '../support/fixtures.js';

const SYSTEM: GroupSpec = {
  groupId: 'rrrrrrrrrrrrrrr1',
  severity: 'critical',
  category: 'system',
  component: 'database',
  team: 'infrastructure-team',
  message: 'Database connection failed',
};
const PERFORMANCE: GroupSpec = {
  groupId: 'rrrrrrrrrrrrrrr2',
  severity: 'medium',
  category: 'performance',
  component: 'api-gateway',
  team: 'backend-team',
  message: 'Upstream timeout after 30s',
};
const GENERAL: GroupSpec = {
  groupId: 'rrrrrrrrrrrrrrr3',
  severity: 'low',
  category: 'general',
  component: 'checkout-ui',
  team: 'frontend-team',
  message: 'Button render failed',
};

// The groups' categories come from their events; blog's later event of the same group id must not leak into shop.
const EVENTS: CategorizedEvent[] = [
  categorized('shop', SYSTEM, at(0)),
  categorized('shop', PERFORMANCE, at(0)),
  categorized('shop', GENERAL, at(0)),
  categorized('blog', { ...GENERAL, category: 'security' }, at(HOUR)),
];

type TicketSpec = Partial<TicketEvent['ticket']> & { ticketId: string; createdAt: string };
const step = (offsetMs: number, action = 'investigate') => ({
  action,
  description: 'working on it',
  author: 'alice',
  at: at(offsetMs),
});
/** A ticket's events, each carrying the ticket as it is afterwards (as the ticket service writes them). */
function lifecycle(
  base: TicketSpec & { projectId?: string },
  changes: [TicketEvent['type'], number, Partial<TicketEvent['ticket']>][] = [],
): TicketEvent[] {
  let ticket = { projectId: 'shop', ...base };
  const events = [ticketEvent('created', base.createdAt, ticket)];
  for (const [type, offsetMs, change] of changes) {
    ticket = { ...ticket, ...change };
    events.push(ticketEvent(type, at(offsetMs), ticket));
  }
  return events;
}
const resolve = (offsetMs: number): [TicketEvent['type'], number, Partial<TicketEvent['ticket']>] => [
  'resolved',
  offsetMs,
  { status: 'resolved', resolvedAt: at(offsetMs), resolution: { description: 'fixed', resolver: 'bob' } },
];

// Range [T0, T0 + 4 h), now = T0 + 24 h. Every expectation below is counted by hand from these lines.
const TICKETS: TicketEvent[] = [
  // a: system, infra; answered after 10 min (critical SLA 15 min); resolved after 60 min.
  ...lifecycle(
    {
      ticketId: 'a',
      groupId: SYSTEM.groupId,
      severity: 'critical',
      assignee: 'infrastructure-team',
      createdAt: at(10 * MINUTE),
    },
    [['step-added', 20 * MINUTE, { steps: [step(20 * MINUTE)] }], resolve(70 * MINUTE)],
  ),
  // b: system, infra; first answer is its resolution after 30 min: an SLA breach. TTR 30 min.
  ...lifecycle(
    {
      ticketId: 'b',
      groupId: SYSTEM.groupId,
      severity: 'critical',
      assignee: 'infrastructure-team',
      createdAt: at(30 * MINUTE),
    },
    [resolve(60 * MINUTE)],
  ),
  // c: system; reassigned to payment-team by its first step after 5 min; in progress.
  ...lifecycle(
    {
      ticketId: 'c',
      groupId: SYSTEM.groupId,
      severity: 'critical',
      assignee: 'infrastructure-team',
      createdAt: at(2 * HOUR),
    },
    [
      [
        'step-added',
        2 * HOUR + 5 * MINUTE,
        { steps: [step(2 * HOUR + 5 * MINUTE, 'reassign')], assignee: 'payment-team', status: 'in-progress' },
      ],
    ],
  ),
  // d: performance, backend; answered by its resolution after 2 h (medium SLA 4 h). TTR 120 min.
  ...lifecycle(
    {
      ticketId: 'd',
      groupId: PERFORMANCE.groupId,
      severity: 'medium',
      assignee: 'backend-team',
      createdAt: at(45 * MINUTE),
    },
    [resolve(2 * HOUR + 45 * MINUTE)],
  ),
  // e: performance, backend, no severity (the group's medium); never answered by now: a breach. Open.
  ...lifecycle({
    ticketId: 'e',
    groupId: PERFORMANCE.groupId,
    assignee: 'backend-team',
    createdAt: at(90 * MINUTE),
  }),
  // f: general, frontend; opened before the range, resolved in it: TTR 180 min. Late (critical) but not opened in range: no breach counted.
  ...lifecycle(
    {
      ticketId: 'f',
      groupId: GENERAL.groupId,
      severity: 'critical',
      assignee: 'frontend-team',
      createdAt: at(-2 * HOUR),
    },
    [resolve(HOUR)],
  ),
  // g: general, frontend; resolved then reopened: still open, its resolution not counted.
  ...lifecycle(
    {
      ticketId: 'g',
      groupId: GENERAL.groupId,
      severity: 'low',
      assignee: 'frontend-team',
      createdAt: at(3 * HOUR),
    },
    [
      resolve(3 * HOUR + 10 * MINUTE),
      [
        'reopened',
        3 * HOUR + 30 * MINUTE,
        {
          status: 'open',
          resolvedAt: undefined,
          resolution: undefined,
          steps: [step(3 * HOUR + 30 * MINUTE, 'regressed')],
        },
      ],
    ],
  ),
  // h: no group (category unknown), payment-team; resolved after 30 min.
  ...lifecycle({ ticketId: 'h', severity: 'low', assignee: 'payment-team', createdAt: at(20 * MINUTE) }, [
    resolve(50 * MINUTE),
  ]),
  // l: general (group), high by its own severity (SLA 1 h), backend; resolved after the range, 100 min in: a breach, still open at the end of the range.
  ...lifecycle(
    {
      ticketId: 'l',
      groupId: GENERAL.groupId,
      severity: 'high',
      assignee: 'backend-team',
      createdAt: at(3 * HOUR + 20 * MINUTE),
    },
    [resolve(5 * HOUR)],
  ),
  // Outside: created at the end of the range, created before and resolved after it, another project.
  ...lifecycle({
    ticketId: 'i',
    groupId: SYSTEM.groupId,
    assignee: 'infrastructure-team',
    createdAt: at(4 * HOUR),
  }),
  ...lifecycle(
    { ticketId: 'j', groupId: SYSTEM.groupId, assignee: 'infrastructure-team', createdAt: at(-24 * HOUR) },
    [resolve(5 * HOUR)],
  ),
  ...lifecycle(
    { ticketId: 'k', projectId: 'blog', assignee: 'infrastructure-team', createdAt: at(10 * MINUTE) },
    [resolve(20 * MINUTE)],
  ),
];

const NOW = T0 + 24 * HOUR;
const range = `from=${at(0)}&to=${at(4 * HOUR)}`;

describe('GET /resolution/report over a seeded data set', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let app: FastifyInstance;
  let access: TestAccess;
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: access.owner.headers });
    return { status: response.statusCode, body: response.json() };
  };

  beforeAll(async () => {
    db = await testDatabase();
    await seed(db.client, 'events', 'seed.events', eventRow, EVENTS);
    await seed(db.client, 'tickets', 'seed.tickets', ticketRow, TICKETS);
    access = await startTestAccess();
    app = await buildMetricsApp({
      access: access.serviceAccess(),
      clickhouse: db.client,
      registry: createMetricsRegistry('metrics-test'),
      logger,
      now: () => NOW,
    });
  });
  afterAll(async () => {
    await app?.close();
    await access?.stop();
    await db?.drop();
  });

  it('answers totals, times, categories, top categories, trend and teams', async () => {
    const { status, body } = await get(`/api/v1/projects/shop/resolution/report?${range}&buckets=4&limit=2`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ from: at(0), to: at(4 * HOUR), bucketMs: HOUR, truncated: false });
    // Opened a b c d e g h l; resolved a b d f h; still open c e g l; breaches b e l.
    expect(body.totals).toEqual({ opened: 8, resolved: 5, stillOpen: 4, slaBreaches: 3 });
    // 30, 30, 60, 120, 180 min.
    expect(body.timeToResolution).toEqual({ resolved: 5, meanMs: 84 * MINUTE, medianMs: 60 * MINUTE });
    expect(body.byCategory).toEqual([
      {
        category: 'general',
        opened: 2,
        stillOpen: 2,
        resolved: 1,
        meanMs: 180 * MINUTE,
        medianMs: 180 * MINUTE,
      },
      {
        category: 'performance',
        opened: 2,
        stillOpen: 1,
        resolved: 1,
        meanMs: 120 * MINUTE,
        medianMs: 120 * MINUTE,
      },
      {
        category: 'system',
        opened: 3,
        stillOpen: 1,
        resolved: 2,
        meanMs: 45 * MINUTE,
        medianMs: 45 * MINUTE,
      },
      {
        category: 'unknown',
        opened: 1,
        stillOpen: 0,
        resolved: 1,
        meanMs: 30 * MINUTE,
        medianMs: 30 * MINUTE,
      },
    ]);
    expect(body.topCategories).toEqual([
      { category: 'system', tickets: 3, share: 0.375 },
      { category: 'general', tickets: 2, share: 0.25 },
    ]);
    expect(body.trend).toEqual([
      { start: at(0), end: at(HOUR), opened: 4, resolved: 1 },
      { start: at(HOUR), end: at(2 * HOUR), opened: 1, resolved: 3 },
      { start: at(2 * HOUR), end: at(3 * HOUR), opened: 1, resolved: 1 },
      { start: at(3 * HOUR), end: at(4 * HOUR), opened: 2, resolved: 0 },
    ]);
    expect(body.byTeam).toEqual([
      {
        team: 'backend-team',
        assigned: 3,
        stillOpen: 2,
        slaBreaches: 2,
        resolved: 1,
        meanMs: 120 * MINUTE,
        medianMs: 120 * MINUTE,
      },
      {
        team: 'frontend-team',
        assigned: 1,
        stillOpen: 1,
        slaBreaches: 0,
        resolved: 1,
        meanMs: 180 * MINUTE,
        medianMs: 180 * MINUTE,
      },
      {
        team: 'infrastructure-team',
        assigned: 2,
        stillOpen: 0,
        slaBreaches: 1,
        resolved: 2,
        meanMs: 45 * MINUTE,
        medianMs: 45 * MINUTE,
      },
      {
        team: 'payment-team',
        assigned: 2,
        stillOpen: 1,
        slaBreaches: 0,
        resolved: 1,
        meanMs: 30 * MINUTE,
        medianMs: 30 * MINUTE,
      },
    ]);
  });

  it('defaults: 24 trend buckets and the top 10 categories', async () => {
    const { body } = await get(`/api/v1/projects/shop/resolution/report?${range}`);
    expect(body.bucketMs).toBe(10 * MINUTE);
    expect(body.trend).toHaveLength(24);
    expect(body.trend.reduce((sum: number, b: { opened: number }) => sum + b.opened, 0)).toBe(8);
    expect(body.trend.reduce((sum: number, b: { resolved: number }) => sum + b.resolved, 0)).toBe(5);
    // [60, 70) min holds b's and f's resolutions and a's (70 min) starts the next.
    expect(body.trend[6]).toEqual({ start: at(60 * MINUTE), end: at(70 * MINUTE), opened: 0, resolved: 2 });
    expect(body.topCategories.map((c: { category: string }) => c.category)).toEqual([
      'system',
      'general',
      'performance',
      'unknown',
    ]);
  });

  it('a range that holds no ticket answers zeros', async () => {
    const { body } = await get(
      `/api/v1/projects/shop/resolution/report?from=${at(-20 * HOUR)}&to=${at(-10 * HOUR)}&buckets=2`,
    );
    expect(body).toMatchObject({
      totals: { opened: 0, resolved: 0, stillOpen: 0, slaBreaches: 0 },
      timeToResolution: { resolved: 0, meanMs: null, medianMs: null },
      byCategory: [],
      topCategories: [],
      byTeam: [],
    });
    expect(body.trend).toEqual([
      { start: at(-20 * HOUR), end: at(-15 * HOUR), opened: 0, resolved: 0 },
      { start: at(-15 * HOUR), end: at(-10 * HOUR), opened: 0, resolved: 0 },
    ]);
  });

  it('another project sees only its own ticket; an injected project id matches nothing', async () => {
    const blog = await get(`/api/v1/projects/blog/resolution/report?${range}`);
    expect(blog.body.totals).toEqual({ opened: 1, resolved: 1, stillOpen: 0, slaBreaches: 0 });
    for (const attack of ["shop' OR '1'='1", "x'); DROP TABLE tickets; --", '{project:String}']) {
      const { status, body } = await get(
        `/api/v1/projects/${encodeURIComponent(attack)}/resolution/report?${range}`,
      );
      expect(status).toBe(200);
      expect(body.totals.opened + body.totals.resolved).toBe(0);
    }
    expect(await db.count('SELECT count() FROM tickets')).toBeGreaterThan(0);
  });

  it.each([
    { id: 'zero buckets', query: `${range}&buckets=0`, error: 'FL_METRICS_INVALID_REQUEST' },
    { id: 'a limit that is not a number', query: `${range}&limit=x`, error: 'FL_METRICS_INVALID_REQUEST' },
    { id: 'from after to', query: `from=${at(HOUR)}&to=${at(0)}`, error: 'FL_METRICS_INVALID_RANGE' },
  ])('refuses $id with 400', async ({ query, error }) => {
    const { status, body } = await get(`/api/v1/projects/shop/resolution/report?${query}`);
    expect(status).toBe(400);
    expect(body.error).toBe(error);
  });
});
