import { SCHEMA_VERSION, type TicketEvent } from '@faultline/contracts';
import { createMetricsRegistry } from '@faultline/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerterKeys } from '../src/keys.js';
import { type AlerterMetrics, createAlerterMetrics } from '../src/metrics.js';
import type { TicketJob } from '../src/schedule/jobs.js';
import {
  alerterEnv,
  Harness,
  RECIPIENTS,
  recipientAddresses,
  uniqueName,
  waitFor,
} from './support/harness.js';
import { Receivers } from './support/receivers.js';

const TEAM_X = 'payment-team';
const TEAM_Y = 'security-team';

function ticketEvent(
  type: TicketEvent['type'],
  assignee: string,
  ticketId: string,
  extra: Partial<TicketEvent['ticket']> = {},
): TicketEvent {
  const now = new Date().toISOString();
  return {
    schemaVersion: SCHEMA_VERSION,
    eventId: uniqueName(`te-${type}`),
    type,
    at: now,
    actor: 'alice',
    ticket: {
      ticketId,
      projectId: 'shop',
      groupId: 'g-checkout',
      title: 'payment: Payment processing failed: card declined',
      description: 'First seen in checkout',
      severity: 'critical',
      assignee,
      status: 'open',
      steps: [],
      createdAt: now,
      ...extra,
    },
  };
}

/**
 * Ticket notices through real Kafka and Redis to the loopback Slack and SMTP receivers,
 * with the default ticket channels (slack, email) and the alert routing untouched.
 */
describe('alerter ticket notices', () => {
  const receivers = new Receivers();
  let harness: Harness;
  let metrics: AlerterMetrics;
  const ticketId = uniqueName('t');
  const created = ticketEvent('created', TEAM_X, ticketId);

  const to = (name: string) => ({
    slack: receivers.of('slack', (r) => r.address === name),
    email: receivers.of('email', (r) => r.address === `${name}@example.test`),
  });
  const counter = async (type: string, decision: string) =>
    (await metrics.ticketEvents.get()).values.find(
      (v) => v.labels.type === type && v.labels.decision === decision,
    )?.value ?? 0;
  const allDone = async () => (await harness.alerterSchedulePending()) === 0;

  beforeAll(async () => {
    await receivers.start();
    const prefix = `${uniqueName('it-alerter-tickets')}.`;
    harness = new Harness(
      alerterEnv(receivers, prefix, {
        FAULTLINE_RECIPIENTS: recipientAddresses(receivers, [...RECIPIENTS, TEAM_X, TEAM_Y]),
      }),
    );
    await harness.start();
    metrics = createAlerterMetrics(createMetricsRegistry('alerter-tickets-test'));
    await harness.startAlerter({ metrics });
  });

  afterAll(async () => {
    await harness?.close();
    await receivers.close();
  });

  it('tells the assignee of a new ticket on Slack and by email, naming ticket, title, severity and where to look', async () => {
    await harness.sendTicketEvents([created]);
    await waitFor(
      () => to(TEAM_X).slack.length === 1 && to(TEAM_X).email.length === 1,
      30_000,
      'the created notice on both channels',
    );
    const slack = to(TEAM_X).slack[0]?.body as { text: string; attachments: { blocks: unknown[] }[] };
    expect(slack.text).toBe(`New ticket for ${TEAM_X}: [CRITICAL] ${created.ticket.title}`);
    const blocks = JSON.stringify(slack.attachments[0]?.blocks);
    expect(blocks).toContain(ticketId);
    expect(blocks).toContain(`/api/v1/projects/shop/tickets/${ticketId}`);
    const mail = to(TEAM_X).email[0]?.body as { subject: string; text: string };
    expect(mail.subject).toBe(slack.text);
    expect(mail.text).toContain(`Ticket: ${ticketId}`);
    expect(mail.text).toContain('Severity: critical');
    expect(mail.text).toContain(`pnpm faultline tickets show ${ticketId} --project shop`);
    expect(receivers.problems).toEqual([]);

    // The outcome is kept where it can be looked up: the delivery-log key of each (event, channel, recipient).
    const keys = alerterKeys(harness.config.redis.keyPrefix);
    for (const channel of ['slack', 'email'] as const) {
      const job: TicketJob = { kind: 'ticket', eventId: created.eventId, channel, recipient: TEAM_X };
      await waitFor(
        async () => (await harness.redis.get(keys.delivery(job))) !== null,
        10_000,
        'the delivery record',
      );
      expect(JSON.parse((await harness.redis.get(keys.delivery(job))) ?? '{}')).toMatchObject({
        status: 'sent',
        attempt: 1,
      });
    }
  });

  it('sends nothing twice when the same ticket event is delivered again, and notifies the new assignee of a reassignment', async () => {
    const assigned = ticketEvent('assigned', TEAM_Y, ticketId, {
      steps: [
        { action: 'reassigned', description: 'auth path, not payments', author: 'alice', at: created.at },
      ],
    });
    // Same key, same partition: the duplicate is consumed before the reassignment.
    await harness.sendTicketEvents([created, assigned]);
    await waitFor(
      async () => to(TEAM_Y).slack.length === 1 && to(TEAM_Y).email.length === 1 && (await allDone()),
      30_000,
      'the assigned notice, and every enqueued delivery run',
    );
    expect(await counter('created', 'notify')).toBe(2); // the duplicate really was consumed
    expect(to(TEAM_X).slack).toHaveLength(1);
    expect(to(TEAM_X).email).toHaveLength(1);
    const slack = to(TEAM_Y).slack[0]?.body as { text: string; attachments: { blocks: unknown[] }[] };
    expect(slack.text).toBe(`Ticket assigned to ${TEAM_Y} by alice: [CRITICAL] ${created.ticket.title}`);
    expect(JSON.stringify(slack.attachments[0]?.blocks)).toContain('auth path, not payments');
    expect(to(TEAM_Y).email[0]?.body.subject).toBe(slack.text);
    expect(
      (await metrics.ticketNotifications.get()).values.find(
        (v) => v.labels.channel === 'slack' && v.labels.status === 'sent',
      )?.value,
    ).toBe(2);
  });

  it('notifies nobody of a step', async () => {
    const before = receivers.received.length;
    await harness.sendTicketEvents([ticketEvent('step-added', TEAM_Y, ticketId, { status: 'in-progress' })]);
    await waitFor(
      async () => (await counter('step-added', 'ignored')) === 1 && (await allDone()),
      30_000,
      'the step consumed',
    );
    expect(receivers.received.length).toBe(before);
  });
});
