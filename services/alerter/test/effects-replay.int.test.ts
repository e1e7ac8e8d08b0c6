import { createBatchingProducer, createKafka } from '@faultline/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../src/jobs/job-context.js';
import { runStateJob } from '../src/jobs/run-state-job.js';
import { Effects } from '../src/state/effects.js';
import { policyFromConfig } from '../src/state/policy.js';
import { alerterEnv, alertSignal, Harness, logger, uniqueName, waitFor } from './support/harness.js';
import { Receivers } from './support/receivers.js';

const STAGE_1_MS = 600_000;
/** Clocks past stage 1, and past the lease the failed run left behind. */
const AT_STAGE_1 = STAGE_1_MS + 1000;
const AFTER_LEASE = AT_STAGE_1 + 60_000;

/**
 * Stage 1 is stored, then writing its `escalated` event fails (the alert-events producer is
 * closed, as when Kafka is down). The job is not settled; when it runs again the stage's event
 * and pages must still go out, once.
 */
describe('alerter escalation whose effects failed after the state was stored', () => {
  const receivers = new Receivers();
  let harness: Harness;

  beforeAll(async () => {
    await receivers.start();
    harness = new Harness(
      alerterEnv(receivers, `${uniqueName('it-alerter-replay')}.`, {
        FAULTLINE_ROUTING: {
          critical: { channels: ['webhook'], recipients: ['on-call-engineer', 'tech-lead'] },
        },
        FAULTLINE_ESCALATION: { afterMs: { critical: [STAGE_1_MS] }, ackTimeoutMs: 0 },
      }),
    );
    await harness.start();
  });

  afterAll(async () => {
    await harness?.close();
    await receivers.close();
  });

  const stagePages = (alertId: string, stage: number) =>
    receivers
      .of(
        'webhook',
        (r) => (r.body.alert as { alertId: string }).alertId === alertId && r.body.stage === stage,
      )
      .map((r) => r.address)
      .sort();

  it('sends the escalated event and the stage 1 pages exactly once on retry', async () => {
    const alert = alertSignal('critical');
    const firing = await harness.startAlerter();
    await harness.sendSignals([alert]);
    await waitFor(() => harness.sentNotifications(alert.alertId).length === 2, 30_000, 'the first page');
    await harness.stopAlerter(firing);

    // One replica's run of stage 1 whose Kafka send fails after the state write.
    const closed = await createBatchingProducer(
      createKafka({ brokers: harness.config.kafka.brokers, clientId: uniqueName('closed'), logger }),
      { logger },
    );
    await closed.close();
    const probe = await harness.startAlerter({ now: () => Date.now() - 10 * STAGE_1_MS });
    const now = Date.now() + AT_STAGE_1;
    const ctx = {
      store: probe.store,
      schedule: probe.schedule,
      silences: probe.silences,
      effects: new Effects(closed, harness.topics.alertEvents, probe.schedule, () => {}),
      policy: policyFromConfig(harness.config),
      logger,
      now: () => now,
    } as unknown as JobContext;
    const claimed = await probe.schedule.claim(now, harness.config.scheduler.leaseMs, 100);
    const stage1 = claimed.find((c) => c.job.kind === 'escalate');
    if (!stage1) throw new Error('stage 1 was not on the schedule');
    await expect(runStateJob(stage1, ctx)).rejects.toThrow();
    expect((await probe.store.load([alert.alertId])).get(alert.alertId)?.record.alert.stage).toBe(1);
    await harness.stopAlerter(probe);

    // Kafka is back: a replica past the lost lease runs stage 1 again.
    await harness.startAlerter({ now: () => Date.now() + AFTER_LEASE });
    await waitFor(
      () =>
        harness.eventsOf(alert.alertId, 'escalated').length >= 1 &&
        harness.sentNotifications(alert.alertId).length >= 4,
      30_000,
      'the stage 1 event and pages',
    );
    await waitFor(async () => (await harness.alerterSchedulePending()) <= 1, 30_000, 'deliveries settled');

    const escalated = new Set(harness.eventsOf(alert.alertId, 'escalated').map((e) => e.eventId));
    expect(escalated.size).toBe(1);
    expect(stagePages(alert.alertId, 1)).toEqual(['on-call-engineer', 'tech-lead']);
    expect(harness.sentNotifications(alert.alertId).filter((n) => n.stage === 1)).toHaveLength(2);
    expect(receivers.problems).toEqual([]);
  });
});
