import type { AlertEvent, CategorizedEvent, TicketEvent } from '@faultline/contracts';
import { createMetricsRegistry } from '@faultline/observability';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMetricsApp } from '../src/api/build-app.js';
import { activeAlerts } from '../src/api/queries/alerts.js';
import { errorRate, top, trends } from '../src/api/queries/event-counts.js';
import { criticalErrors, groupEvents, listGroups } from '../src/api/queries/groups.js';
import { resolution } from '../src/api/queries/resolution.js';
import { resolutionReportFor } from '../src/api/queries/resolution-report.js';
import { alertEventRow, eventRow, ticketRow } from '../src/ingest/rows.js';
import { startTestAccess, type TestAccess } from './support/access.js';
import { logger, seed, testDatabase } from './support/database.js';
import {
  alertEvent,
  at,
  categorized,
  type GroupSpec,
  HOUR,
  MINUTE,
  SECOND,
  T0,
  ticketEvent,
} from './support/fixtures.js';

const G1: GroupSpec = {
  groupId: 'aaaaaaaaaaaaaaa1',
  severity: 'critical',
  category: 'system',
  component: 'database',
  team: 'infrastructure-team',
  message: 'Database connection failed',
};
const G2: GroupSpec = {
  groupId: 'aaaaaaaaaaaaaaa2',
  severity: 'high',
  category: 'security',
  component: 'security',
  team: 'security-team',
  message: 'Unauthorized access to /admin',
};
const G3: GroupSpec = {
  groupId: 'aaaaaaaaaaaaaaa3',
  severity: 'low',
  category: 'general',
  component: 'checkout-ui',
  team: 'frontend-team',
  message: 'Button render failed',
};
const G4: GroupSpec = {
  groupId: 'aaaaaaaaaaaaaaa4',
  severity: 'medium',
  category: 'performance',
  component: 'api-gateway',
  team: 'backend-team',
  message: 'Upstream timeout after 30s',
};

// The seeded data set; every expectation below is counted by hand from these lines.
const EVENTS: CategorizedEvent[] = [
  categorized('shop', G1, at(10 * SECOND), { eventId: 'g1-a' }),
  categorized('shop', G1, at(50 * SECOND), { eventId: 'g1-b' }),
  categorized('shop', G1, at(65 * SECOND), { eventId: 'g1-c' }),
  categorized('shop', G1, at(2 * HOUR + 30 * MINUTE), { eventId: 'g1-d' }),
  categorized('shop', G2, at(70 * SECOND), { eventId: 'g2-a' }),
  categorized('shop', G2, at(80 * SECOND), { eventId: 'g2-b' }),
  categorized('shop', G2, at(3 * HOUR), { eventId: 'g2-c' }),
  categorized('shop', G3, at(5 * MINUTE), { eventId: 'g3-a' }),
  categorized('shop', G3, at(65 * MINUTE), { eventId: 'g3-b' }),
  categorized('shop', G4, at(2 * MINUTE), { eventId: 'g4-a' }),
  // Another project's events must never show up in shop's answers.
  ...Array.from({ length: 5 }, (_, i) =>
    categorized('blog', G1, at(30 * SECOND + i * SECOND), { eventId: `blog-${i}` }),
  ),
];

const ALERTS: AlertEvent[] = [
  alertEvent('shop', 'a1', 'fired', 'firing', 'critical', at(1 * MINUTE)),
  alertEvent('shop', 'a1', 'notified', 'firing', 'critical', at(1 * MINUTE + SECOND), {
    notification: { channel: 'slack', recipient: 'on-call-engineer', stage: 0, status: 'sent' },
  }),
  alertEvent('shop', 'a1', 'acknowledged', 'acknowledged', 'critical', at(2 * MINUTE), { actor: 'alice' }),
  alertEvent('shop', 'a2', 'fired', 'firing', 'high', at(90 * SECOND)),
  alertEvent('shop', 'a2', 'resolved', 'resolved', 'high', at(10 * MINUTE)),
  alertEvent('shop', 'a3', 'fired', 'firing', 'medium', at(3 * MINUTE)),
  alertEvent('blog', 'a4', 'fired', 'firing', 'critical', at(5 * MINUTE)),
];

const step = (offsetMs: number) => ({
  action: 'investigate',
  description: 'looking',
  author: 'alice',
  at: at(offsetMs),
});
const TICKETS: TicketEvent[] = [
  // t1: answered after 10 min (critical SLA 15 min), resolved after 60 min.
  ticketEvent('created', at(1 * MINUTE), {
    ticketId: 't1',
    projectId: 'shop',
    groupId: G1.groupId,
    severity: 'critical',
    createdAt: at(1 * MINUTE),
  }),
  ticketEvent('step-added', at(11 * MINUTE), {
    ticketId: 't1',
    projectId: 'shop',
    groupId: G1.groupId,
    severity: 'critical',
    createdAt: at(1 * MINUTE),
    steps: [step(11 * MINUTE)],
  }),
  ticketEvent('resolved', at(61 * MINUTE), {
    ticketId: 't1',
    projectId: 'shop',
    groupId: G1.groupId,
    severity: 'critical',
    createdAt: at(1 * MINUTE),
    steps: [step(11 * MINUTE)],
    status: 'resolved',
    resolvedAt: at(61 * MINUTE),
    resolution: { description: 'restarted pool', resolver: 'alice' },
  }),
  // t2: no severity (takes G2's high, SLA 1 h), first answered after 2 h: a breach. In progress.
  ticketEvent('created', at(2 * MINUTE), {
    ticketId: 't2',
    projectId: 'shop',
    groupId: G2.groupId,
    createdAt: at(2 * MINUTE),
  }),
  ticketEvent('status-changed', at(2 * HOUR + 2 * MINUTE), {
    ticketId: 't2',
    projectId: 'shop',
    groupId: G2.groupId,
    createdAt: at(2 * MINUTE),
    status: 'in-progress',
    steps: [step(2 * HOUR + 2 * MINUTE)],
  }),
  // t4: medium (SLA 4 h), never answered by "now" (T0 + 1 day): a breach. Open.
  ticketEvent('created', at(3 * MINUTE), {
    ticketId: 't4',
    projectId: 'shop',
    groupId: G4.groupId,
    severity: 'medium',
    createdAt: at(3 * MINUTE),
  }),
  // t5: no group: category unknown, team = assignee. Resolved after 30 min, no steps (resolution is the answer).
  ticketEvent('created', at(4 * MINUTE), {
    ticketId: 't5',
    projectId: 'shop',
    severity: 'low',
    assignee: 'payment-team',
    createdAt: at(4 * MINUTE),
  }),
  ticketEvent('resolved', at(34 * MINUTE), {
    ticketId: 't5',
    projectId: 'shop',
    severity: 'low',
    assignee: 'payment-team',
    createdAt: at(4 * MINUTE),
    status: 'resolved',
    resolvedAt: at(34 * MINUTE),
    resolution: { description: 'config', resolver: 'bob' },
  }),
  // t6: resolved, then reopened: open again, its resolution time must not count.
  ticketEvent('created', at(5 * MINUTE), {
    ticketId: 't6',
    projectId: 'shop',
    groupId: G3.groupId,
    severity: 'low',
    createdAt: at(5 * MINUTE),
  }),
  ticketEvent('resolved', at(2 * HOUR + 5 * MINUTE), {
    ticketId: 't6',
    projectId: 'shop',
    groupId: G3.groupId,
    severity: 'low',
    createdAt: at(5 * MINUTE),
    status: 'resolved',
    resolvedAt: at(2 * HOUR + 5 * MINUTE),
  }),
  ticketEvent('reopened', at(3 * HOUR), {
    ticketId: 't6',
    projectId: 'shop',
    groupId: G3.groupId,
    severity: 'low',
    createdAt: at(5 * MINUTE),
    status: 'open',
  }),
  // t7: created before the range.
  ticketEvent('created', at(-2 * 24 * HOUR), {
    ticketId: 't7',
    projectId: 'shop',
    severity: 'low',
    createdAt: at(-2 * 24 * HOUR),
  }),
];
// Group statuses from the latest ticket activity: G1 resolved, G2 in-progress, G3 open (reopened), G4 open.

const NOW = T0 + 24 * HOUR;
const iso = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

describe('analytics API over a seeded data set', () => {
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
    await seed(db.client, 'alert_events', 'seed.alerts', alertEventRow, ALERTS);
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

  it('error rate per minute, from the minute rollup, zero-filled', async () => {
    const { status, body } = await get(
      `/api/v1/projects/shop/error-rate?from=${iso(0)}&to=${iso(5 * MINUTE)}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 6, perMinute: 1.2, source: 'events_per_minute' });
    expect(body.points).toEqual([
      { minute: iso(0), count: 2 },
      { minute: iso(MINUTE), count: 3 },
      { minute: iso(2 * MINUTE), count: 1 },
      { minute: iso(3 * MINUTE), count: 0 },
      { minute: iso(4 * MINUTE), count: 0 },
    ]);
    // Unaligned ends are widened to whole minutes.
    const widened = await get(
      `/api/v1/projects/shop/error-rate?from=${iso(30 * SECOND)}&to=${iso(90 * SECOND)}`,
    );
    expect(widened.body.points).toEqual([
      { minute: iso(0), count: 2 },
      { minute: iso(MINUTE), count: 3 },
    ]);
  });

  it('trends in N buckets: hourly rollup when aligned, raw rows otherwise, same counts', async () => {
    const aligned = await get(`/api/v1/projects/shop/trends?from=${iso(0)}&to=${iso(4 * HOUR)}&buckets=4`);
    expect(aligned.body).toMatchObject({ total: 10, bucketMs: HOUR, source: 'events_per_hour' });
    expect(aligned.body.buckets.map((b: { count: number }) => b.count)).toEqual([7, 1, 1, 1]);

    const shifted = await get(
      `/api/v1/projects/shop/trends?from=${iso(30 * SECOND)}&to=${iso(4 * HOUR + 30 * SECOND)}&buckets=4`,
    );
    expect(shifted.body).toMatchObject({ total: 9, source: 'events' });
    expect(shifted.body.buckets.map((b: { count: number }) => b.count)).toEqual([6, 1, 2, 0]);
    expect(shifted.body.buckets[0]).toMatchObject({ start: iso(30 * SECOND), end: iso(HOUR + 30 * SECOND) });
  });

  it('top components, categories and groups with counts and share', async () => {
    const range = `from=${iso(0)}&to=${iso(4 * HOUR)}`;
    const components = await get(`/api/v1/projects/shop/top/component?${range}`);
    expect(components.body).toMatchObject({ total: 10 });
    expect(components.body.entries).toEqual([
      { key: 'database', count: 4, share: 0.4 },
      { key: 'security', count: 3, share: 0.3 },
      { key: 'checkout-ui', count: 2, share: 0.2 },
      { key: 'api-gateway', count: 1, share: 0.1 },
    ]);
    const categories = await get(`/api/v1/projects/shop/top/category?${range}&limit=2`);
    expect(categories.body.entries).toEqual([
      { key: 'system', count: 4, share: 0.4 },
      { key: 'security', count: 3, share: 0.3 },
    ]);
    expect(categories.body.total).toBe(10);
    const groups = await get(`/api/v1/projects/shop/top/group?${range}&limit=2`);
    expect(groups.body.entries).toEqual([
      { key: G1.groupId, count: 4, share: 0.4, message: G1.message },
      { key: G2.groupId, count: 3, share: 0.3, message: G2.message },
    ]);
    // Unaligned range: raw rows; g1-a (10 s) falls outside.
    const raw = await get(`/api/v1/projects/shop/top/team?from=${iso(30 * SECOND)}&to=${iso(4 * HOUR)}`);
    expect(raw.body).toMatchObject({ total: 9, source: 'events' });
    expect(raw.body.entries[0]).toEqual({ key: 'infrastructure-team', count: 3, share: 3 / 9 });
  });

  it('critical errors: count, groups and the latest events', async () => {
    const { body } = await get(`/api/v1/projects/shop/critical?from=${iso(0)}&to=${iso(4 * HOUR)}&limit=2`);
    expect(body).toMatchObject({ count: 4, groups: 1 });
    expect(body.latest.map((e: { eventId: string }) => e.eventId)).toEqual(['g1-d', 'g1-c']);
    expect(body.latest[0]).toMatchObject({
      time: iso(2 * HOUR + 30 * MINUTE),
      severity: 'critical',
      component: 'database',
    });
    expect(body.latest[0].categorized.event.eventId).toBe('g1-d');
  });

  it('groups list: first/last seen, count, status, filters, search and pages', async () => {
    const range = `from=${iso(0)}&to=${iso(4 * HOUR)}`;
    const all = await get(`/api/v1/projects/shop/groups?${range}&sort=count`);
    expect(all.body.total).toBe(4);
    expect(all.body.groups).toEqual([
      {
        groupId: G1.groupId,
        firstSeen: iso(10 * SECOND),
        lastSeen: iso(2 * HOUR + 30 * MINUTE),
        count: 4,
        status: 'resolved',
        message: G1.message,
        severity: 'critical',
        category: 'system',
        component: 'database',
        team: 'infrastructure-team',
      },
      {
        groupId: G2.groupId,
        firstSeen: iso(70 * SECOND),
        lastSeen: iso(3 * HOUR),
        count: 3,
        status: 'in-progress',
        message: G2.message,
        severity: 'high',
        category: 'security',
        component: 'security',
        team: 'security-team',
      },
      {
        groupId: G3.groupId,
        firstSeen: iso(5 * MINUTE),
        lastSeen: iso(65 * MINUTE),
        count: 2,
        status: 'open',
        message: G3.message,
        severity: 'low',
        category: 'general',
        component: 'checkout-ui',
        team: 'frontend-team',
      },
      {
        groupId: G4.groupId,
        firstSeen: iso(2 * MINUTE),
        lastSeen: iso(2 * MINUTE),
        count: 1,
        status: 'open',
        message: G4.message,
        severity: 'medium',
        category: 'performance',
        component: 'api-gateway',
        team: 'backend-team',
      },
    ]);
    const ids = async (query: string) =>
      (await get(`/api/v1/projects/shop/groups?${range}&${query}`)).body.groups.map(
        (g: { groupId: string }) => g.groupId,
      );
    expect(await ids('severity=critical')).toEqual([G1.groupId]);
    expect(await ids('category=security')).toEqual([G2.groupId]);
    expect(await ids('component=checkout-ui')).toEqual([G3.groupId]);
    expect(await ids('status=resolved')).toEqual([G1.groupId]);
    expect(await ids('status=open&sort=count')).toEqual([G3.groupId, G4.groupId]);
    expect(await ids('status=new')).toEqual([]);
    expect(await ids('q=TIMEOUT')).toEqual([G4.groupId]);
    // Default sort: last seen, newest first.
    expect(await ids('')).toEqual([G2.groupId, G1.groupId, G3.groupId, G4.groupId]);
    const page = await get(`/api/v1/projects/shop/groups?${range}&sort=count&limit=2&offset=1`);
    expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(page.body.groups.map((g: { groupId: string }) => g.groupId)).toEqual([G2.groupId, G3.groupId]);
    // A group without tickets is new; counted within the range only.
    const early = await get(`/api/v1/projects/blog/groups?${range}`);
    expect(early.body.groups).toEqual([
      expect.objectContaining({ groupId: G1.groupId, count: 5, status: 'new' }),
    ]);
  });

  it("one group's events, newest first, paged", async () => {
    const { body } = await get(
      `/api/v1/projects/shop/groups/${G2.groupId}/events?from=${iso(0)}&to=${iso(4 * HOUR)}&limit=2`,
    );
    expect(body).toMatchObject({ groupId: G2.groupId, total: 3, limit: 2, offset: 0 });
    expect(body.events.map((e: { eventId: string; time: string }) => [e.eventId, e.time])).toEqual([
      ['g2-c', iso(3 * HOUR)],
      ['g2-b', iso(80 * SECOND)],
    ]);
    const next = await get(
      `/api/v1/projects/shop/groups/${G2.groupId}/events?from=${iso(0)}&to=${iso(4 * HOUR)}&limit=2&offset=2`,
    );
    expect(next.body.events.map((e: { eventId: string }) => e.eventId)).toEqual(['g2-a']);
  });

  it('active alerts by severity: the latest state of each alert', async () => {
    const later = await get(`/api/v1/projects/shop/alerts/active?at=${iso(HOUR)}`);
    expect(later.body.total).toBe(2);
    expect(later.body.bySeverity).toEqual({
      critical: { firing: 0, acknowledged: 1, total: 1 },
      high: { firing: 0, acknowledged: 0, total: 0 },
      medium: { firing: 1, acknowledged: 0, total: 1 },
      low: { firing: 0, acknowledged: 0, total: 0 },
    });
    expect(later.body.alerts.map((a: { alertId: string; status: string }) => [a.alertId, a.status])).toEqual([
      ['a1', 'acknowledged'],
      ['a3', 'firing'],
    ]);
    expect(later.body.alerts[0]).toMatchObject({ acknowledgedBy: 'alice', updatedAt: iso(2 * MINUTE) });
    // Before a2 was resolved it was active too.
    const earlier = await get(`/api/v1/projects/shop/alerts/active?at=${iso(5 * MINUTE)}`);
    expect(earlier.body.alerts.map((a: { alertId: string }) => a.alertId)).toEqual(['a1', 'a2', 'a3']);
    expect(
      await db.count("SELECT count() FROM notifications WHERE alert_id = 'a1' AND channel = 'slack'"),
    ).toBe(1);
  });

  it('resolution metrics: counts, mean and p50/p90 by category and team, SLA breaches', async () => {
    const { body } = await get(
      `/api/v1/projects/shop/resolution?from=${iso(-24 * HOUR)}&to=${iso(24 * HOUR)}`,
    );
    expect(body).toMatchObject({
      tickets: 5,
      resolved: 2,
      open: 3,
      meanMs: 45 * MINUTE,
      p50Ms: 30 * MINUTE,
      p90Ms: 60 * MINUTE,
      truncated: false,
      slaBreaches: { total: 2, bySeverity: { critical: 0, high: 1, medium: 1, low: 0 } },
    });
    expect(body.byCategory).toEqual([
      { category: 'system', resolved: 1, meanMs: 60 * MINUTE, p50Ms: 60 * MINUTE, p90Ms: 60 * MINUTE },
      { category: 'unknown', resolved: 1, meanMs: 30 * MINUTE, p50Ms: 30 * MINUTE, p90Ms: 30 * MINUTE },
    ]);
    expect(body.byTeam).toEqual([
      {
        team: 'infrastructure-team',
        resolved: 1,
        meanMs: 60 * MINUTE,
        p50Ms: 60 * MINUTE,
        p90Ms: 60 * MINUTE,
      },
      { team: 'payment-team', resolved: 1, meanMs: 30 * MINUTE, p50Ms: 30 * MINUTE, p90Ms: 30 * MINUTE },
    ]);
  });

  it('injection strings in every parameter change nothing', async () => {
    const attacks = [
      "shop' OR '1'='1",
      "shop' --",
      "x'); DROP TABLE events; --",
      '{project:String}',
      "\\' OR 1=1 --",
      '%',
      'shop\tsystem\n1',
    ];
    const range = `from=${iso(0)}&to=${iso(4 * HOUR)}`;
    const enc = encodeURIComponent;
    for (const attack of attacks) {
      const a = enc(attack);
      const answers = [
        await get(`/api/v1/projects/${a}/error-rate?${range}`),
        await get(`/api/v1/projects/${a}/trends?${range}`),
        await get(`/api/v1/projects/${a}/top/component?${range}`),
        await get(`/api/v1/projects/${a}/critical?${range}`),
        await get(`/api/v1/projects/${a}/groups?${range}`),
        await get(`/api/v1/projects/shop/groups?${range}&category=${a}`),
        await get(`/api/v1/projects/shop/groups?${range}&component=${a}`),
        await get(`/api/v1/projects/shop/groups?${range}&q=${a}`),
        await get(`/api/v1/projects/shop/groups/${a}/events?${range}`),
        await get(`/api/v1/projects/${a}/alerts/active?at=${iso(HOUR)}`),
        await get(`/api/v1/projects/${a}/resolution?${range}`),
      ];
      // Each value is treated as the literal it is: a project, group or text that matches nothing.
      for (const { status, body } of answers) {
        expect(status).toBe(200);
        const size = body.total ?? body.count ?? body.tickets;
        expect(size).toBe(0);
      }
      // Enumerations, numbers and times are refused before any SQL is built.
      for (const url of [
        `/api/v1/projects/shop/top/${a}?${range}`,
        `/api/v1/projects/shop/groups?${range}&severity=${a}`,
        `/api/v1/projects/shop/groups?${range}&status=${a}`,
        `/api/v1/projects/shop/groups?${range}&sort=${a}`,
        `/api/v1/projects/shop/groups?${range}&limit=${a}`,
        `/api/v1/projects/shop/groups?${range}&offset=${a}`,
        `/api/v1/projects/shop/trends?from=${a}`,
        `/api/v1/projects/shop/trends?to=${a}`,
        `/api/v1/projects/shop/trends?buckets=${a}`,
        `/api/v1/projects/shop/alerts/active?at=${a}`,
      ]) {
        const { status, body } = await get(url);
        expect(status, url).toBe(400);
        expect(body.error).toMatch(/^FL_METRICS_INVALID_/);
      }
    }
    // And the data is all still there.
    expect(await db.count('SELECT count() FROM events')).toBe(EVENTS.length);
    const { body } = await get(`/api/v1/projects/shop/top/component?${range}`);
    expect(body.total).toBe(10);
  });

  it('answers every field its query returns: the response schemas serialize and drop nothing', async () => {
    const range = { fromMs: T0, toMs: T0 + 4 * HOUR };
    const q = `from=${iso(0)}&to=${iso(4 * HOUR)}`;
    const base = '/api/v1/projects/shop';
    const cases: [string, Promise<unknown>][] = [
      [`${base}/error-rate?${q}`, errorRate(db.client, 'shop', range)],
      [`${base}/trends?${q}&buckets=4`, trends(db.client, 'shop', range, 4)],
      [`${base}/top/group?${q}&limit=3`, top(db.client, 'shop', range, 'group', 3)],
      [`${base}/critical?${q}&limit=2`, criticalErrors(db.client, 'shop', range, 2)],
      [
        `${base}/groups?${q}&sort=count&limit=2&offset=1`,
        listGroups(db.client, 'shop', range, { sort: 'count', limit: 2, offset: 1 }),
      ],
      [
        `${base}/groups/${G1.groupId}/events?${q}&limit=2`,
        groupEvents(db.client, 'shop', G1.groupId, range, { limit: 2, offset: 0 }),
      ],
      [`${base}/alerts/active?at=${iso(5 * MINUTE)}`, activeAlerts(db.client, 'shop', T0 + 5 * MINUTE, 100)],
      [`${base}/resolution?${q}`, resolution(db.client, 'shop', range, NOW)],
      [
        `${base}/resolution/report?${q}&buckets=4&limit=3`,
        resolutionReportFor(db.client, 'shop', range, { buckets: 4, topLimit: 3, nowMs: NOW }),
      ],
    ];
    for (const [url, direct] of cases) {
      const { status, body } = await get(url);
      expect(status, url).toBe(200);
      expect(body, url).toEqual(JSON.parse(JSON.stringify(await direct)));
    }
  });

  it('rejects a bad range with a coded 400', async () => {
    const { status, body } = await get(`/api/v1/projects/shop/trends?from=${iso(HOUR)}&to=${iso(0)}`);
    expect(status).toBe(400);
    expect(body.error).toBe('FL_METRICS_INVALID_RANGE');
  });
});
