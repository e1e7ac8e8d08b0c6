import { SCHEMA_VERSION, type TicketEvent } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import {
  type TicketMessage,
  ticketEmail,
  ticketHeadline,
  ticketSlackPayload,
  ticketSmsBody,
  ticketWebhookBody,
} from '../../src/channels/ticket-message.js';
import { decodeJob, encodeJob, type Job } from '../../src/schedule/jobs.js';
import { noticeOf, planTicketNotices } from '../../src/tickets/ticket-notice.js';

const AT = '2026-01-01T00:00:00.000Z';
const NOW = Date.parse(AT);
const HOUR = 3_600_000;

function event(type: TicketEvent['type'], extra: Partial<TicketEvent['ticket']> = {}): TicketEvent {
  return {
    schemaVersion: SCHEMA_VERSION,
    eventId: `te-${type}`,
    type,
    at: AT,
    actor: 'alice',
    ticket: {
      ticketId: 't1',
      projectId: 'shop',
      title: 'payment: Payment processing failed',
      description: 'context',
      severity: 'high',
      assignee: 'payment-team',
      status: 'open',
      steps: [],
      createdAt: AT,
      ...extra,
    },
  };
}

describe('planTicketNotices', () => {
  const options = { channels: ['slack', 'email'] as const, maxAgeMs: 24 * HOUR, now: NOW };
  it.each([
    { name: 'created notifies the assignee on each channel', type: 'created', decision: 'notify' },
    { name: 'assigned notifies the new assignee', type: 'assigned', decision: 'notify' },
    { name: 'a step notifies nobody', type: 'step-added', decision: 'ignored' },
    { name: 'a status change notifies nobody', type: 'status-changed', decision: 'ignored' },
    { name: 'resolved notifies nobody', type: 'resolved', decision: 'ignored' },
    { name: 'reopened notifies nobody', type: 'reopened', decision: 'ignored' },
  ] as const)('$name', ({ type, decision }) => {
    const plan = planTicketNotices(event(type), options);
    expect(plan.decision).toBe(decision);
    if (plan.decision === 'notify')
      expect(plan.jobs).toEqual([
        { kind: 'ticket', eventId: `te-${type}`, channel: 'slack', recipient: 'payment-team' },
        { kind: 'ticket', eventId: `te-${type}`, channel: 'email', recipient: 'payment-team' },
      ]);
  });

  it('skips an event older than maxAgeMs, and never skips with 0', () => {
    const late = { ...options, now: NOW + 25 * HOUR };
    expect(planTicketNotices(event('created'), late).decision).toBe('stale');
    expect(planTicketNotices(event('created'), { ...late, maxAgeMs: 0 }).decision).toBe('notify');
  });

  it('keeps only the last step and a bounded description in the stored notice', () => {
    const step = (action: string) => ({ action, description: action, author: 'bob', at: AT });
    const notice = noticeOf(
      event('assigned', { steps: [step('one'), step('two')], description: 'x'.repeat(5000) }),
    );
    expect(notice.ticket.steps).toEqual([step('two')]);
    expect(notice.ticket.description.length).toBe(2000);
  });

  it('encodes a ticket job to a stable member and back', () => {
    const job: Job = { kind: 'ticket', eventId: 'te-1', channel: 'email', recipient: 'payment-team' };
    expect(encodeJob(job)).toBe(encodeJob({ ...job }));
    expect(decodeJob(encodeJob(job))).toEqual(job);
    expect(decodeJob(JSON.stringify(['t', 'te-1', 'pagerduty', 'x']))).toBeUndefined();
  });
});

describe('ticket messages', () => {
  const message: TicketMessage = {
    event: event('assigned', {
      assignee: 'security-team',
      steps: [{ action: 'reassigned', description: 'auth, not payments', author: 'alice', at: AT }],
    }),
    recipient: 'security-team',
    at: NOW,
    ticketUrl: 'http://127.0.0.1:8090/api/v1/projects/shop/tickets/t1',
  };

  it('names the ticket, its title, severity and who assigned it', () => {
    expect(ticketHeadline(message)).toBe(
      'Ticket assigned to security-team by alice: [HIGH] payment: Payment processing failed',
    );
    expect(ticketHeadline({ ...message, event: event('created', { severity: undefined }) })).toBe(
      'New ticket for payment-team: payment: Payment processing failed',
    );
  });

  it('builds a Slack payload with header, facts, the reassignment note and the link', () => {
    const payload = ticketSlackPayload(message);
    expect(payload.text).toBe(ticketHeadline(message));
    expect(payload.attachments[0]?.color).toBe('#F2952F');
    const blocks = payload.attachments[0]?.blocks as { type: string }[];
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context']);
    expect(JSON.stringify(blocks)).toContain('auth, not payments');
    expect(JSON.stringify(blocks)).toContain(message.ticketUrl);
  });

  it('builds a mail, an SMS and a webhook body carrying the ticket', () => {
    const mail = ticketEmail(message, 'from@x', 'to@x');
    expect(mail.headers).toMatchObject({ 'X-Faultline-Ticket': 't1', 'X-Faultline-Severity': 'high' });
    expect(mail.text).toContain('pnpm faultline tickets show t1 --project shop');
    expect(mail.html).toContain('auth, not payments');
    expect(ticketSmsBody(message).length).toBeLessThanOrEqual(320);
    expect(JSON.parse(ticketWebhookBody(message))).toMatchObject({
      type: 'ticket.assigned',
      recipient: 'security-team',
      ticket: { ticketId: 't1' },
    });
  });
});
