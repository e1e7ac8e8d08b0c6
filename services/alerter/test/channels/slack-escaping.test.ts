import { type AlertState, SCHEMA_VERSION, type TicketEvent } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import { slackPayload } from '../../src/channels/slack.js';
import { ticketSlackPayload } from '../../src/channels/ticket-message.js';

const AT = '2026-01-01T00:00:00.000Z';
// What an event or a ticket title may carry to make our bot page everyone or hide a link.
const HOSTILE = 'boom <!channel> <!here> <@U123> <https://evil.example|Open the alert> & ``` *done*';

const alert: AlertState = {
  alertId: 'a1',
  dedupKey: 'shop:critical',
  scope: { projectId: 'shop', severity: 'critical' },
  severity: 'critical',
  status: 'firing',
  errorCount: 1,
  affectedComponents: ['<!channel>'],
  message: HOSTILE,
  samples: [
    { eventId: 'e1', groupId: 'g1', message: `${HOSTILE}\n\`\`\`\n<!everyone>`, timestamp: AT },
    { eventId: 'e2', groupId: 'g1', message: '`'.repeat(4000), timestamp: AT, component: '<!here>' },
  ],
  firstSeen: AT,
  lastSeen: AT,
  stage: 0,
};

const ticketEvent: TicketEvent = {
  schemaVersion: SCHEMA_VERSION,
  eventId: 'te-1',
  type: 'assigned',
  at: AT,
  actor: '<!channel>',
  ticket: {
    ticketId: 't1',
    projectId: 'shop',
    title: HOSTILE,
    description: HOSTILE,
    severity: 'high',
    assignee: 'payment-team',
    status: 'open',
    steps: [{ action: 'reassigned', description: HOSTILE, author: '<!here>', at: AT }],
    createdAt: AT,
  },
};

/** Every string Slack parses as mrkdwn: the top-level text and each mrkdwn text object. */
function mrkdwnTexts(payload: { text: string; attachments: { blocks: unknown[] }[] }): string[] {
  const texts = [payload.text];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'mrkdwn' && typeof record.text === 'string') texts.push(record.text);
      Object.values(record).forEach(visit);
    }
  };
  visit(payload.attachments);
  return texts;
}

/** `<` opens a mention or a link in mrkdwn; only the links we build ourselves may have one. */
function foreignAngles(text: string, ownLinks: string[]): string[] {
  let rest = text;
  for (const link of ownLinks) rest = rest.split(link).join('');
  return rest.match(/<[^>]*>?/g) ?? [];
}

describe('Slack text is escaped', () => {
  it('alert pages: no mention or link from event text, and samples cannot leave their code block', () => {
    const alertUrl = 'http://127.0.0.1:8090/dashboard/#/alerts/a1';
    const payload = slackPayload({ alert, purpose: 'page', stage: 0, recipient: 'oncall', at: 0, alertUrl });
    const texts = mrkdwnTexts(payload);
    for (const text of texts) expect(foreignAngles(text, [`<${alertUrl}|Open the alert>`])).toEqual([]);
    expect(payload.text).toContain('&lt;!channel&gt;');

    const samples = texts.find((text) => text.startsWith('*Samples*'));
    expect(samples).toBeDefined();
    // Exactly one opening and one closing fence, at the ends.
    expect(samples?.match(/`/g)).toHaveLength(6);
    expect(samples?.endsWith('```')).toBe(true);
    expect(samples?.length).toBeLessThanOrEqual(3000);
  });

  it('ticket notices: title, actor, author and notes are escaped', () => {
    const ticketUrl = 'http://127.0.0.1:8095/api/v1/projects/shop/tickets/t1';
    const payload = ticketSlackPayload({ event: ticketEvent, recipient: 'payment-team', at: 0, ticketUrl });
    for (const text of mrkdwnTexts(payload))
      expect(foreignAngles(text, [`<${ticketUrl}|Open the ticket>`])).toEqual([]);
    expect(payload.text).toContain('&lt;!channel&gt;');
  });
});
