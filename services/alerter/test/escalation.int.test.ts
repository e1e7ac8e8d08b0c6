import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alerter } from '../src/alerter.js';
import { alerterKeys } from '../src/keys.js';
import { Schedule } from '../src/schedule/schedule.js';
import { alerterEnv, alertSignal, Harness, uniqueName, waitFor } from './support/harness.js';
import { Receivers } from './support/receivers.js';

const STAGE_1_MS = 1500;
const STAGE_2_MS = 3000;

/**
 * The durable schedule: a shortened escalation (1.5 s, 3 s) for critical alerts, which go to
 * the webhook only, for two recipients, so each page is easy to count.
 */
describe('alerter escalation', () => {
  const receivers = new Receivers();
  let harness: Harness;
  let first: Alerter;

  /** Webhook deliveries of an alert as `stage:recipient:type`, one entry per request received. */
  const pages = (alertId: string) =>
    receivers
      .of('webhook', (r) => (r.body.alert as { alertId: string }).alertId === alertId)
      .map((r) => `${r.body.stage}:${r.address}:${r.body.type}`)
      .sort();
  const scheduleKey = () => alerterKeys(harness.config.redis.keyPrefix).schedule;

  beforeAll(async () => {
    await receivers.start();
    const prefix = `${uniqueName('it-alerter-escalation')}.`;
    harness = new Harness(
      alerterEnv(receivers, prefix, {
        FAULTLINE_ROUTING: {
          critical: { channels: ['webhook'], recipients: ['on-call-engineer', 'tech-lead'] },
        },
        FAULTLINE_ESCALATION: { afterMs: { critical: [STAGE_1_MS, STAGE_2_MS] }, ackTimeoutMs: 600_000 },
      }),
    );
    await harness.start();
    first = await harness.startAlerter();
  });

  afterAll(async () => {
    await harness?.close();
    await receivers.close();
  });

  it('escalates an unacknowledged alert to the escalate then the final stage', async () => {
    const alert = alertSignal('critical');
    await harness.sendSignals([alert]);
    await waitFor(
      () =>
        harness.eventsOf(alert.alertId, 'escalated').length === 2 &&
        harness.sentNotifications(alert.alertId).length === 6,
      30_000,
      'both stages paged',
    );

    expect(harness.eventsOf(alert.alertId, 'escalated').map((e) => e.alert.stage)).toEqual([1, 2]);
    expect(pages(alert.alertId)).toEqual([
      '0:on-call-engineer:alert.fired',
      '0:tech-lead:alert.fired',
      '1:on-call-engineer:alert.escalated',
      '1:tech-lead:alert.escalated',
      '2:on-call-engineer:alert.escalated',
      '2:tech-lead:alert.escalated',
    ]);
    expect(receivers.problems).toEqual([]);
  });

  it('stops escalating once the alert is acknowledged', async () => {
    const alert = alertSignal('critical');
    await harness.sendSignals([alert]);
    await waitFor(() => harness.sentNotifications(alert.alertId).length === 2, 30_000, 'the first page');
    await harness.sendCommand(alert.alertId, 'acknowledge', 'alice');
    await waitFor(
      () => harness.eventsOf(alert.alertId, 'acknowledged').length === 1,
      30_000,
      'the acknowledgement',
    );
    const ackExpiresAt = Date.parse(harness.eventsOf(alert.alertId, 'acknowledged')[0]?.at ?? '') + 600_000;

    // Both stages fell due and were held until the acknowledgement would lapse, not run.
    const stageScore = (stage: number) =>
      harness.redis.zscore(scheduleKey(), JSON.stringify(['e', alert.alertId, stage]));
    await waitFor(
      async () =>
        Number(await stageScore(1)) >= ackExpiresAt - 5000 &&
        Number(await stageScore(2)) >= ackExpiresAt - 5000,
      30_000,
      'both stages held',
    );

    expect(harness.eventsOf(alert.alertId, 'escalated')).toEqual([]);
    expect(pages(alert.alertId)).toEqual([
      '0:on-call-engineer:alert.acknowledged',
      '0:on-call-engineer:alert.fired',
      '0:tech-lead:alert.acknowledged',
      '0:tech-lead:alert.fired',
    ]);
  });

  it('never sends the same notification twice with two replicas', async () => {
    const second = await harness.startAlerter();
    const alerts = Array.from({ length: 6 }, () => alertSignal('critical'));
    await harness.sendSignals(alerts);
    await waitFor(
      () => alerts.every((a) => harness.sentNotifications(a.alertId).length === 6),
      45_000,
      'three stages of six alerts',
    );
    for (const alert of alerts) {
      expect(pages(alert.alertId)).toEqual([
        '0:on-call-engineer:alert.fired',
        '0:tech-lead:alert.fired',
        '1:on-call-engineer:alert.escalated',
        '1:tech-lead:alert.escalated',
        '2:on-call-engineer:alert.escalated',
        '2:tech-lead:alert.escalated',
      ]);
    }
    await harness.stopAlerter(second);
  });

  it('escalates once after every alerter was down when the stages fell due, even past a dead replica’s claim', async () => {
    const alert = alertSignal('critical');
    await harness.sendSignals([alert]);
    await waitFor(() => harness.sentNotifications(alert.alertId).length === 2, 30_000, 'the first page');
    await harness.stopAlerter(first);

    // Wait until both stages are overdue, then claim them as a replica that dies at once would.
    const firedAt = Date.parse(harness.eventsOf(alert.alertId, 'fired')[0]?.at ?? '');
    await waitFor(() => Date.now() > firedAt + STAGE_2_MS + 100, 30_000, 'both stages due');
    const dead = new Schedule(harness.redis, alerterKeys(harness.config.redis.keyPrefix));
    const claimed = await dead.claim(Date.now(), 1500, 100);
    expect(claimed.map((c) => c.job)).toEqual(
      expect.arrayContaining([
        { kind: 'escalate', alertId: alert.alertId, stage: 1 },
        { kind: 'escalate', alertId: alert.alertId, stage: 2 },
      ]),
    );

    await harness.startAlerter();
    await waitFor(
      () =>
        harness.eventsOf(alert.alertId, 'escalated').length >= 2 &&
        harness.sentNotifications(alert.alertId).length >= 6,
      30_000,
      'the late escalation',
    );
    // Settle what is still running, then count: once per stage and recipient.
    const pending = async () =>
      (await harness.redis.zrange(scheduleKey(), 0, -1)).filter(
        (m) => m.includes(alert.alertId) && !m.startsWith('["s"'),
      );
    await waitFor(
      async () => (await pending()).length === 0,
      30_000,
      'the alert’s escalation and delivery jobs to finish',
    );
    expect(new Set(harness.eventsOf(alert.alertId, 'escalated').map((e) => e.eventId)).size).toBe(2);
    expect(pages(alert.alertId)).toEqual([
      '0:on-call-engineer:alert.fired',
      '0:tech-lead:alert.fired',
      '1:on-call-engineer:alert.escalated',
      '1:tech-lead:alert.escalated',
      '2:on-call-engineer:alert.escalated',
      '2:tech-lead:alert.escalated',
    ]);
  });
});
