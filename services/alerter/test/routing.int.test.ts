import { createMetricsRegistry } from '@faultline/observability';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit, TestAccess } from '../../../test/support/access.js';
import type { Alerter } from '../src/alerter.js';
import { buildAlerterApp } from '../src/http/build-app.js';
import { alerterEnv, alertSignal, Harness, logger, PHONE, uniqueName, waitFor } from './support/harness.js';
import { Receivers } from './support/receivers.js';

/**
 * Routing, payload formats, retries, follow-ups, silences and the SLA, with escalation off
 * (so every delivery here is stage 0) and the runbook's routing, plus a webhook for medium.
 */
describe('alerter routing and delivery', () => {
  const receivers = new Receivers();
  let harness: Harness;
  let app: FastifyInstance;
  let alerter: Alerter;
  let access: TestAccess;

  beforeAll(async () => {
    await receivers.start();
    const prefix = `${uniqueName('it-alerter-routing')}.`;
    harness = new Harness(
      alerterEnv(receivers, prefix, {
        FAULTLINE_ROUTING: { medium: { channels: ['slack', 'webhook'] } },
        FAULTLINE_ESCALATION: { afterMs: { critical: [], high: [] }, ackTimeoutMs: 0 },
        FAULTLINE_SLA: { respondWithinMs: { medium: 1500 } },
      }),
    );
    await harness.start();
    alerter = await harness.startAlerter();
    access = await TestAccess.start({ topicPrefix: prefix, brokers: harness.config.kafka.brokers });
    app = await buildAlerterApp({
      config: harness.config,
      alerter,
      registry: createMetricsRegistry('alerter-test'),
      logger,
      access: access.serviceAccess(),
    });
  });

  afterAll(async () => {
    await app?.close();
    await access?.stop();
    await harness?.close();
    await receivers.close();
  });

  it('sends each severity to exactly its channels and recipients, in each channel’s format', async () => {
    const critical = alertSignal('critical');
    const high = alertSignal('high');
    const medium = alertSignal('medium');
    const low = alertSignal('low');
    await harness.sendSignals([critical, high, medium, low]);

    const expected = { [critical.alertId]: 12, [high.alertId]: 4, [medium.alertId]: 2, [low.alertId]: 1 };
    await waitFor(
      () => Object.entries(expected).every(([id, n]) => harness.sentNotifications(id).length === n),
      30_000,
      'every stage-0 delivery',
    );

    const routeOf = (alertId: string) =>
      harness
        .sentNotifications(alertId)
        .map((n) => `${n.channel}:${n.recipient}`)
        .sort();
    const cross = (channels: string[], recipients: string[]) =>
      channels.flatMap((c) => recipients.map((r) => `${c}:${r}`)).sort();
    expect(routeOf(critical.alertId)).toEqual(
      cross(['slack', 'email', 'sms', 'pagerduty'], ['on-call-engineer', 'tech-lead', 'cto']),
    );
    expect(routeOf(high.alertId)).toEqual(cross(['slack', 'email'], ['development-team', 'tech-lead']));
    expect(routeOf(medium.alertId)).toEqual(cross(['slack', 'webhook'], ['development-team']));
    expect(routeOf(low.alertId)).toEqual(['dashboard:assigned-developer']);
    for (const id of Object.keys(expected)) expect(harness.eventsOf(id, 'fired')).toHaveLength(1);

    // What the receivers got: the same routes, each checked against its documented format.
    expect(receivers.problems).toEqual([]);
    const mentions = (id: string) => (r: { body: unknown }) => JSON.stringify(r.body).includes(id);
    expect(
      receivers
        .of('slack', mentions(critical.alertId))
        .map((r) => r.address)
        .sort(),
    ).toEqual(['cto', 'on-call-engineer', 'tech-lead']);
    expect(
      receivers
        .of('sms')
        .filter((r) => String(r.body.Body).includes('[CRITICAL]'))
        .map((r) => r.address)
        .sort(),
    ).toEqual([PHONE.cto, PHONE['on-call-engineer'], PHONE['tech-lead']].sort());
    const pages = receivers.of('pagerduty', (r) => r.body.dedup_key === critical.dedupKey);
    expect(pages.map((r) => r.address).sort()).toEqual(['rk-cto', 'rk-on-call-engineer', 'rk-tech-lead']);
    expect(pages[0]?.body).toMatchObject({
      event_action: 'trigger',
      payload: { severity: 'critical', source: 'faultline/shop' },
    });
    const mails = receivers.of('email', (r) => String(r.body.text).includes(high.alertId));
    expect(mails.map((r) => r.address).sort()).toEqual([
      'development-team@example.test',
      'tech-lead@example.test',
    ]);
    expect(mails[0]?.body.subject).toBe('[HIGH] shop: HIGH: 5 errors detected');
    expect(String(mails[0]?.body.html)).toContain('<table>');
    const hooks = receivers.of('webhook', mentions(medium.alertId));
    expect(hooks.map((r) => r.address)).toEqual(['development-team']);
    expect(hooks[0]?.body).toMatchObject({
      type: 'alert.fired',
      stage: 0,
      alert: { alertId: medium.alertId, status: 'firing' },
    });
    // Nothing of the low alert left the building: its delivery is the dashboard's alert-event.
    expect(receivers.received.filter(mentions(low.alertId))).toEqual([]);
  });

  it('retries a failing channel (500s, then a 429 with Retry-After) without holding up the others', async () => {
    const alert = alertSignal('critical');
    receivers.fail('/slack/cto', { status: 500 }, { status: 503 }, { status: 429, retryAfter: '1' });
    await harness.sendSignals([alert]);
    await waitFor(
      () => harness.sentNotifications(alert.alertId).length === 12,
      30_000,
      'all 12 deliveries, the failing one included',
    );

    const attempts = harness
      .eventsOf(alert.alertId, 'notified')
      .filter((e) => e.notification?.channel === 'slack' && e.notification.recipient === 'cto')
      .map((e) => e.notification?.status);
    expect(attempts).toEqual(['failed', 'failed', 'failed', 'sent']);
    const failures = harness
      .eventsOf(alert.alertId, 'notified')
      .filter((e) => e.notification?.status === 'failed');
    expect(failures.map((e) => e.notification?.error)).toEqual([
      expect.stringContaining(': 500'),
      expect.stringContaining(': 503'),
      expect.stringMatching(/: 429 .*retrying in 1000 ms/),
    ]);
    // Every other delivery of the alert was recorded before the failing one got through.
    const events = harness.eventsOf(alert.alertId, 'notified');
    const lastOther = Math.max(
      ...events.flatMap((e, i) =>
        e.notification?.channel === 'slack' && e.notification.recipient === 'cto' ? [] : [i],
      ),
    );
    const ctoSent = events.findIndex(
      (e) =>
        e.notification?.channel === 'slack' &&
        e.notification.recipient === 'cto' &&
        e.notification.status === 'sent',
    );
    expect(lastOther).toBeLessThan(ctoSent);
  });

  it('tells Slack, PagerDuty and the webhook when an alert is acknowledged and resolved', async () => {
    const critical = alertSignal('critical');
    const medium = alertSignal('medium');
    await harness.sendSignals([critical, medium]);
    await waitFor(
      () =>
        harness.sentNotifications(critical.alertId).length === 12 &&
        harness.sentNotifications(medium.alertId).length === 2,
      30_000,
      'pages',
    );

    await harness.sendCommand(critical.alertId, 'acknowledge', 'alice');
    await waitFor(
      () => harness.sentNotifications(critical.alertId).length === 12 + 6,
      30_000,
      'acknowledgement notices',
    );
    await harness.sendCommand(critical.alertId, 'resolve', 'bob');
    await harness.sendCommand(medium.alertId, 'resolve', 'bob');
    await waitFor(
      () =>
        harness.sentNotifications(critical.alertId).length === 18 + 6 &&
        harness.sentNotifications(medium.alertId).length === 4,
      30_000,
      'resolve notices',
    );

    expect(harness.eventsOf(critical.alertId, 'acknowledged')[0]).toMatchObject({
      actor: 'alice',
      alert: { status: 'acknowledged', acknowledgedBy: 'alice' },
    });
    expect(harness.eventsOf(critical.alertId, 'resolved')[0]).toMatchObject({
      actor: 'bob',
      alert: { status: 'resolved', resolvedBy: 'bob' },
    });
    const pd = receivers
      .of('pagerduty', (r) => r.body.dedup_key === critical.dedupKey && r.address === 'rk-cto')
      .map((r) => r.body.event_action);
    expect(pd).toEqual(['trigger', 'acknowledge', 'resolve']);
    const slack = receivers.of(
      'slack',
      (r) => r.address === 'cto' && JSON.stringify(r.body).includes(critical.alertId),
    );
    expect(slack.map((r) => String(r.body.text).split(':')[0])).toEqual([
      '[CRITICAL] shop',
      'Acknowledged by alice',
      'Resolved by bob',
    ]);
    expect(slack.map((r) => (r.body.attachments as { color: string }[])[0]?.color)).toEqual([
      '#E01E5A',
      '#6B7280',
      '#2EB67D',
    ]);
    expect(
      receivers.of('webhook', (r) => JSON.stringify(r.body).includes(medium.alertId)).map((r) => r.body.type),
    ).toEqual(['alert.fired', 'alert.resolved']);
    expect(receivers.problems).toEqual([]);
  });

  it('records a silenced alert but pages nobody, while other projects are paged', async () => {
    const now = Date.now();
    await harness.redis.hset(
      `{${harness.config.redis.keyPrefix}alerter}:silences`,
      's1',
      JSON.stringify({
        id: 's1',
        matchers: { projectId: 'muted', severity: 'high' },
        startsAt: new Date(now - 1000).toISOString(),
        endsAt: new Date(now + 600_000).toISOString(),
        createdBy: 'ops',
        comment: 'maintenance',
      }),
    );
    const silenced = alertSignal('high', { scope: { projectId: 'muted', severity: 'high' } });
    const otherProject = alertSignal('high');
    await harness.sendSignals([silenced, otherProject]);
    await waitFor(
      () =>
        harness.sentNotifications(otherProject.alertId).length === 4 &&
        harness.eventsOf(silenced.alertId, 'silenced').length === 1,
      30_000,
      'pages and the silence record',
    );

    expect(harness.eventsOf(silenced.alertId, 'fired')).toHaveLength(1);
    expect(harness.eventsOf(silenced.alertId, 'silenced')[0]?.reason).toBe('silence s1 by ops: maintenance');
    expect(harness.eventsOf(silenced.alertId, 'notified')).toEqual([]);
    expect(receivers.received.filter((r) => JSON.stringify(r.body).includes(silenced.alertId))).toEqual([]);
  });

  it('records an SLA breach for an alert nobody acknowledged in time, not for one acknowledged', async () => {
    const ignored = alertSignal('medium');
    const handled = alertSignal('medium');
    await harness.sendSignals([ignored, handled]);
    await waitFor(() => harness.eventsOf(handled.alertId, 'fired').length === 1, 30_000, 'fired');
    await harness.sendCommand(handled.alertId, 'acknowledge');
    await waitFor(() => harness.eventsOf(ignored.alertId, 'sla_breached').length === 1, 30_000, 'the breach');
    // The handled alert's SLA job ran too (it is gone from the schedule) and found it acknowledged.
    await waitFor(
      async () =>
        (await harness.redis.zscore(
          `{${harness.config.redis.keyPrefix}alerter}:schedule`,
          JSON.stringify(['s', handled.alertId]),
        )) === null,
      30_000,
      'the SLA job of the acknowledged alert',
    );
    expect(harness.eventsOf(handled.alertId, 'sla_breached')).toEqual([]);
    expect(harness.eventsOf(ignored.alertId, 'sla_breached')[0]?.reason).toBe(
      'not acknowledged within 1500 ms (medium target)',
    );
  });

  it('serves alerts, acknowledge, resolve and silences to the roles of their projects, the caller as actor', async () => {
    const viewer = await access.person('api', 'viewer');
    const carol = await access.person('api', 'responder', 'carol');
    const outsider = await access.person('elsewhere', 'admin');
    const auth = carol.headers;
    expect((await app.inject({ method: 'GET', url: '/api/v1/alerts' })).statusCode).toBe(401);
    const wrong = await app.inject({
      method: 'GET',
      url: '/api/v1/alerts',
      headers: { authorization: 'Bearer wrong' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'FL_AUTH_REQUIRED' });

    const alert = alertSignal('high', { scope: { projectId: 'api', severity: 'high' } });
    await harness.sendSignals([alert]);
    await waitFor(() => harness.eventsOf(alert.alertId, 'fired').length === 1, 30_000, 'fired');
    const listed = (
      await app.inject({ method: 'GET', url: '/api/v1/alerts?status=firing&severity=high', headers: auth })
    ).json() as { alerts: { alertId: string; status: string }[] };
    expect(listed.alerts.find((a) => a.alertId === alert.alertId)).toMatchObject({ status: 'firing' });
    // Another project's member sees none of this project's alerts, and may not touch them.
    const theirs = (
      await app.inject({ method: 'GET', url: '/api/v1/alerts', headers: outsider.headers })
    ).json() as {
      alerts: { alertId: string }[];
    };
    expect(theirs.alerts.map((a) => a.alertId)).not.toContain(alert.alertId);
    const peek = await app.inject({
      method: 'GET',
      url: `/api/v1/alerts/${alert.alertId}`,
      headers: outsider.headers,
    });
    expect(peek.statusCode).toBe(403);
    // A viewer reads but cannot acknowledge.
    const byViewer = await app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${alert.alertId}/acknowledge`,
      headers: viewer.headers,
      payload: {},
    });
    expect(byViewer.statusCode).toBe(403);
    expect(byViewer.json()).toMatchObject({ error: 'FL_FORBIDDEN' });

    const ack = await app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${alert.alertId}/acknowledge`,
      headers: auth,
      // A body's actor is ignored: the caller is the actor.
      payload: { actor: 'mallory', reason: 'looking' },
    });
    expect(ack.statusCode).toBe(202);
    await waitFor(
      () => harness.eventsOf(alert.alertId, 'acknowledged').length === 1,
      30_000,
      'the acknowledgement through alert-commands',
    );
    expect(harness.eventsOf(alert.alertId, 'acknowledged')[0]).toMatchObject({
      actor: 'User carol',
      reason: 'looking',
    });
    const one = (
      await app.inject({ method: 'GET', url: `/api/v1/alerts/${alert.alertId}`, headers: auth })
    ).json();
    expect(one).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'User carol' });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/alerts/nope/resolve',
          headers: auth,
          payload: {},
        })
      ).statusCode,
    ).toBe(404);

    const silenceOf = (projectId: string | undefined, headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/silences',
        headers,
        payload: {
          matchers: projectId ? { projectId } : { severity: 'low' },
          endsAt: new Date(Date.now() + 600_000).toISOString(),
        },
      });
    // Muting every project takes responder on every project; another project's silence, a role there.
    expect((await silenceOf(undefined, auth)).statusCode).toBe(403);
    expect((await silenceOf('api-muted', auth)).statusCode).toBe(403);
    const mutedResponder = await access.person('api-muted', 'responder', 'dave');
    const created = await silenceOf('api-muted', mutedResponder.headers);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ createdBy: 'User dave' });
    const silenceId = (created.json() as { id: string }).id;
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/silences',
          headers: access.owner.headers,
          payload: { matchers: {}, endsAt: new Date().toISOString() },
        })
      ).statusCode,
    ).toBe(400);
    const muted = alertSignal('medium', { scope: { projectId: 'api-muted', severity: 'medium' } });
    await harness.sendSignals([muted]);
    await waitFor(
      () => harness.eventsOf(muted.alertId, 'silenced').length === 1,
      30_000,
      'the API silence holding',
    );
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/silences/${silenceId}`, headers: auth }))
        .statusCode,
    ).toBe(403);
    const ended = await app.inject({
      method: 'DELETE',
      url: `/api/v1/silences/${silenceId}`,
      headers: mutedResponder.headers,
    });
    expect(ended.statusCode).toBe(200);
    const silences = (
      await app.inject({ method: 'GET', url: '/api/v1/silences', headers: mutedResponder.headers })
    ).json() as {
      silences: { id: string; active: boolean }[];
    };
    expect(silences.silences.find((s) => s.id === silenceId)?.active).toBe(false);
    const invisible = (
      await app.inject({ method: 'GET', url: '/api/v1/silences', headers: auth })
    ).json() as {
      silences: { id: string }[];
    };
    expect(invisible.silences.map((s) => s.id)).not.toContain(silenceId);

    const audited = await readAudit(
      access,
      3,
      (r) => r.action.startsWith('alert.') || r.action.startsWith('silence.'),
    );
    expect(audited.map((r) => [r.action, r.actor.id, r.projectId])).toEqual([
      ['alert.acknowledge', 'carol', 'api'],
      ['silence.create', 'dave', 'api-muted'],
      ['silence.end', 'dave', 'api-muted'],
    ]);
  });

  it('answers 429 FL_ALERTER_RATE_LIMITED with Retry-After past a client request rate, per client', async () => {
    const limited = await buildAlerterApp({
      config: { ...harness.config, api: { ...harness.config.api, rateLimit: { perSecond: 0.5, burst: 2 } } },
      alerter,
      registry: createMetricsRegistry('alerter-rate-test'),
      logger,
      access: access.serviceAccess(),
    });
    try {
      const ask = (token: string) =>
        limited.inject({ url: '/api/v1/alerts', headers: { authorization: `Bearer ${token}` } });
      expect((await ask(access.owner.secret)).statusCode).toBe(200);
      expect((await ask(access.owner.secret)).statusCode).toBe(200);
      const refused = await ask(access.owner.secret);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBe('2');
      expect(refused.json().error).toBe('FL_ALERTER_RATE_LIMITED');
      // Another client (a wrong token here) has its own bucket: it is refused for its token, not its rate.
      expect((await ask('guess')).statusCode).toBe(401);
      expect((await limited.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
