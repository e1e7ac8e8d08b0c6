import type { SystemHealth } from '@faultline/api-contracts';
import type { CategorizedEvent } from '@faultline/contracts';
import { createKafka } from '@faultline/kafka';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type IssuedToken, TestAccess } from '../../../../test/support/access.js';
import {
  type HistoryDatabase,
  historyDatabase,
  seedHistory,
} from '../../../../test/support/history-database.js';
import { categorized, type GroupSpec, HOUR, MINUTE } from '../../../../test/support/history-fixtures.js';
import { buildResolutionApp } from '../../src/api/build-app.js';
import { investigate } from '../../src/investigation/investigate.js';
import { checkSystemHealth } from '../../src/investigation/system-health.js';
import { infraEndpoints, logger, uniqueName } from '../support/infra.js';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const spec = (component: string, message: string, groupId: string): GroupSpec => ({
  groupId,
  severity: 'high',
  category: 'general',
  component,
  team: 'backend-team',
  message,
});

/** One subject per component and the similar errors that make its pattern. */
function scenario(project: string): { subjects: Record<string, CategorizedEvent>; all: CategorizedEvent[] } {
  const all: CategorizedEvent[] = [];
  const subjects: Record<string, CategorizedEvent> = {};
  const add = (s: GroupSpec, agoMs: number, message: string, id: string) => {
    const event = categorized(project, s, new Date(NOW - agoMs).toISOString(), { eventId: id, message });
    all.push(event);
    return event;
  };
  // isolated: same component, different normalized message; same message in another component; same message 25 h ago.
  const iso = spec('search', 'Index 7 not found', 'c0c0c0c0c0c0c0c1');
  subjects.isolated = add(iso, MINUTE, 'Index 7 not found', 'iso-subject');
  add(iso, 2 * MINUTE, 'Shard 7 not found', 'iso-other-message');
  add(spec('billing', 'x', 'c0c0c0c0c0c0c0c2'), 2 * MINUTE, 'Index 8 not found', 'iso-other-component');
  add(iso, 25 * HOUR, 'Index 9 not found', 'iso-too-old');
  // recurring: 11 similar (ids differ, normalize the same), over 5 hours.
  const rec = spec('api', 'Request 1 timed out', 'c0c0c0c0c0c0c0c3');
  subjects.recurring = add(rec, 0, 'Upstream Timeout for order 123', 'rec-subject');
  for (let i = 0; i < 11; i++)
    add(rec, i * 30 * MINUTE, `Upstream Timeout for order ${1000 + i}`, `rec-${i}`);
  // burst: 3 similar within 20 minutes.
  const burst = spec('checkout', 'x', 'c0c0c0c0c0c0c0c4');
  subjects.burst = add(burst, 0, 'rate limit exceeded for user a@b.io', 'burst-subject');
  for (let i = 0; i < 3; i++)
    add(burst, i * 10 * MINUTE, `rate limit exceeded for user u${i}@b.io`, `burst-${i}`);
  // intermittent: 2 similar 3 hours apart.
  const inter = spec('audio', 'x', 'c0c0c0c0c0c0c0c5');
  subjects.intermittent = add(inter, 0, 'Decoder failed at 0x1f', 'int-subject');
  add(inter, HOUR, 'Decoder failed at 0x2e', 'int-1');
  add(inter, 4 * HOUR, 'Decoder failed at 0x3d', 'int-2');
  // Every optional context field set, and one similar error: the whole answer has something to drop.
  const profile = spec('profile', 'x', 'c0c0c0c0c0c0c0c6');
  const full = add(profile, 0, 'Avatar 12 upload failed', 'full-subject');
  subjects.full = full;
  full.event = {
    ...full.event,
    action: 'upload-avatar',
    userId: 'user-7',
    sessionId: 'session-7',
    release: '3.1.0',
    request: { url: 'https://shop.example/profile', method: 'POST', userAgent: 'Firefox/140' },
  };
  add(profile, 10 * MINUTE, 'Avatar 13 upload failed', 'full-1');
  return { subjects, all };
}

describe('investigation over stored events', () => {
  let db: HistoryDatabase;
  let app: FastifyInstance;
  let redis: Redis;
  let admin: ReturnType<ReturnType<typeof createKafka>['admin']>;
  let healthy: FastifyInstance;
  let access: TestAccess;
  let viewer: IssuedToken;
  /** A viewer of the project asks: reading an investigation takes no more. */
  const ask = (url: string) => app.inject({ url, headers: viewer.headers });
  const project = uniqueName('inv');
  const { subjects, all } = scenario(project);

  beforeAll(async () => {
    const { redisUrl } = inject('infra');
    db = await historyDatabase();
    await seedHistory(db.client, 'events', 'it.errors.categorized', all);
    redis = new Redis(redisUrl);
    const kafka = createKafka({ brokers: infraEndpoints().kafkaBrokers, clientId: project, logger });
    admin = kafka.admin();
    await admin.connect();
    access = await TestAccess.start({ topicPrefix: `${project}.`, brokers: infraEndpoints().kafkaBrokers });
    viewer = await access.person(project, 'viewer');
    // A ready service to probe, and one that is not there at all.
    healthy = await buildResolutionApp({ clickhouse: db.client, access: access.serviceAccess() });
    const address = await healthy.listen({ host: '127.0.0.1', port: 0 });
    app = await buildResolutionApp({
      clickhouse: db.client,
      access: access.serviceAccess(),
      investigation: {
        clickhouse: db.client,
        now: () => NOW,
        checkHealth: () =>
          checkSystemHealth({
            services: { metrics: address, detector: 'http://127.0.0.1:1' },
            consumerGroups: { [`${project}-never-ran`]: [] },
            maxHealthyLag: 1000,
            probeTimeoutMs: 2000,
            admin,
            redis,
            clickhouse: db.client,
          }),
      },
    });
  });

  afterAll(async () => {
    await Promise.allSettled([app?.close(), healthy?.close()]);
    await access?.stop();
    await admin?.disconnect();
    await redis?.quit();
    await db?.drop();
  });

  const investigateEvent = async (eventId: string) =>
    (await ask(`/api/v1/projects/${project}/investigation?eventId=${eventId}`)).json();

  it.each([
    { pattern: 'isolated', similar: 0, advice: ['Monitor for recurrence - may be transient issue'] },
    {
      pattern: 'recurring',
      similar: 11,
      advice: [
        'Investigate root cause - this error is occurring frequently',
        'Consider implementing circuit breaker pattern',
        'Increase timeout values or optimize slow operations',
      ],
    },
    {
      pattern: 'burst',
      similar: 3,
      advice: [
        'Check for system overload or external service issues',
        'Review rate limiting configuration',
        'Review rate limiting configuration or implement user education',
      ],
    },
    { pattern: 'intermittent', similar: 2, advice: [] },
  ])('$pattern: similar errors, pattern and recommendations', async ({ pattern, similar, advice }) => {
    const subject = subjects[pattern] as CategorizedEvent;
    const result = await investigateEvent(subject.event.eventId);
    expect(result.similar.count).toBe(similar);
    expect(result.similar.samples.map((s: { eventId: string }) => s.eventId)).not.toContain(
      subject.event.eventId,
    );
    expect(result.pattern.type).toBe(pattern);
    // Service advice depends on the host; the pattern and message advice come first, in the runbook's order.
    const ours = (result.recommendations as string[]).filter(
      (r) => !/usage detected|not healthy|lags/.test(r),
    );
    expect(ours).toEqual(advice);
    expect(result.recommendations).toContain('detector is not healthy - check it before trusting counts');
  });

  it('gives the context and system health, for an event or a group', async () => {
    const byGroup = (
      await ask(`/api/v1/projects/${project}/investigation?groupId=${subjects.burst?.groupId}`)
    ).json();
    expect(byGroup.subject.eventId).toBe('burst-subject');
    expect(byGroup.context).toMatchObject({
      component: 'checkout',
      message: 'rate limit exceeded for user a@b.io',
    });
    expect(byGroup.health.status).toBe('degraded');
    expect(byGroup.health.services).toEqual([
      { name: 'metrics', ok: true },
      expect.objectContaining({ name: 'detector', ok: false }),
    ]);
    expect(byGroup.health.infrastructure.map((p: { name: string; ok: boolean }) => [p.name, p.ok])).toEqual([
      ['kafka', true],
      ['redis', true],
      ['clickhouse', true],
    ]);
    expect(byGroup.health.consumerLag).toEqual([
      { groupId: `${project}-never-ran`, topics: [], lag: 0, ok: true },
    ]);
    expect(byGroup.findings).toContain('System health: degraded');
    expect(byGroup.steps).toHaveLength(5);
  });

  it('answers every field investigate returns: the response schema serializes and drops nothing', async () => {
    // Fixed health with every optional field, so the HTTP answer and the direct call are comparable.
    const health: SystemHealth = {
      status: 'degraded',
      services: [
        { name: 'metrics', ok: true },
        { name: 'detector', ok: false, error: 'connect ECONNREFUSED' },
      ],
      infrastructure: [{ name: 'kafka', ok: true }],
      consumerLag: [
        { groupId: 'faultline-metrics', topics: ['errors.categorized'], lag: 5000, ok: false },
        { groupId: 'faultline-detector', topics: [], lag: 0, ok: false, error: 'timeout' },
      ],
      host: { memoryUsage: 0.5, cpuUsage: 0.25 },
    };
    const deps = { clickhouse: db.client, now: () => NOW, checkHealth: async () => health };
    const fixed = await buildResolutionApp({
      clickhouse: db.client,
      investigation: deps,
      access: access.serviceAccess(),
    });
    try {
      const eventId = subjects.full?.event.eventId ?? '';
      const answer = await fixed.inject({
        url: `/api/v1/projects/${project}/investigation?eventId=${eventId}`,
        headers: viewer.headers,
      });
      expect(answer.statusCode).toBe(200);
      const direct = await investigate(deps, { projectId: project, eventId });
      expect(Object.keys(direct.context)).toHaveLength(9);
      expect(direct.similar.count).toBe(1);
      expect(answer.json()).toEqual(JSON.parse(JSON.stringify(direct)));
    } finally {
      await fixed.close();
    }
  });

  it('answers 404 for an unknown event and 400 without a target', async () => {
    expect((await ask(`/api/v1/projects/${project}/investigation?eventId=nope`)).statusCode).toBe(404);
    expect((await ask(`/api/v1/projects/${project}/investigation`)).statusCode).toBe(400);
  });

  it('answers 401 without a credential and 403 to a member of another project', async () => {
    const url = `/api/v1/projects/${project}/investigation?eventId=nope`;
    expect((await app.inject({ url })).statusCode).toBe(401);
    const outsider = await access.person('elsewhere', 'admin');
    expect((await app.inject({ url, headers: outsider.headers })).json()).toMatchObject({
      error: 'FL_FORBIDDEN',
    });
  });
});
