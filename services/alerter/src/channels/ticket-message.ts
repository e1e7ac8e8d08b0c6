import type { TicketEvent } from '@faultline/contracts';
import type { Mail } from './email.js';
import { escapeHtml, SEVERITY_COLOURS } from './render.js';
import { escapeSlack, slackCodeSpan, truncate } from './slack-text.js';

/** One ticket notice to one recipient on one channel. */
export interface TicketMessage {
  event: TicketEvent;
  recipient: string;
  /** ms since epoch */
  at: number;
  /** The ticket in the metrics API, when `dashboardUrl` is set. */
  ticketUrl?: string;
}

const NO_SEVERITY_COLOUR = '#6B7280';

export function ticketColour(message: TicketMessage): string {
  const { severity } = message.event.ticket;
  return severity ? SEVERITY_COLOURS[severity] : NO_SEVERITY_COLOUR;
}

/** One line: used as subject, SMS body start and Slack fallback. */
export function ticketHeadline(message: TicketMessage): string {
  const { ticket, type, actor } = message.event;
  const tag = ticket.severity ? `[${ticket.severity.toUpperCase()}] ` : '';
  return type === 'assigned'
    ? `Ticket assigned to ${ticket.assignee} by ${actor}: ${tag}${ticket.title}`
    : `New ticket for ${ticket.assignee}: ${tag}${ticket.title}`;
}

/** Where to look at the ticket: the API link when known, and the CLI command always. */
export function ticketCommand(message: TicketMessage): string {
  const { ticket } = message.event;
  return `pnpm faultline tickets show ${ticket.ticketId} --project ${ticket.projectId}`;
}

export function ticketFacts(message: TicketMessage): [string, string][] {
  const { ticket, type, actor } = message.event;
  const rows: [string, string][] = [
    ['Ticket', ticket.ticketId],
    ['Severity', ticket.severity ?? '-'],
    ['Status', ticket.status],
    ['Assignee', ticket.assignee],
    ['Project', ticket.projectId],
  ];
  if (ticket.groupId) rows.push(['Group', ticket.groupId]);
  rows.push(['Created', ticket.createdAt], [type === 'assigned' ? 'Assigned by' : 'Opened by', actor]);
  return rows;
}

/** The reassignment's note (the step written with it), if any. */
function note(message: TicketMessage): string | undefined {
  if (message.event.type !== 'assigned') return undefined;
  const step = message.event.ticket.steps.at(-1);
  return step?.description ? `${step.author}: ${step.description}` : undefined;
}

export function ticketPlainText(message: TicketMessage): string {
  const lines = [ticketHeadline(message), '', ...ticketFacts(message).map(([k, v]) => `${k}: ${v}`)];
  const why = note(message);
  if (why) lines.push('', `Note: ${why}`);
  if (message.event.ticket.description) lines.push('', message.event.ticket.description);
  lines.push('');
  if (message.ticketUrl) lines.push(message.ticketUrl);
  lines.push(ticketCommand(message));
  return lines.join('\n');
}

export function ticketHtml(message: TicketMessage): string {
  const rows = ticketFacts(message)
    .map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  const why = note(message);
  const description = message.event.ticket.description
    ? `<pre>${escapeHtml(message.event.ticket.description)}</pre>`
    : '';
  const link = message.ticketUrl
    ? `<p><a href="${escapeHtml(message.ticketUrl)}">Open the ticket</a></p>`
    : '';
  return `<!doctype html><html><body><h2 style="border-left:6px solid ${ticketColour(message)};padding-left:8px">${escapeHtml(ticketHeadline(message))}</h2><table>${rows}</table>${why ? `<p><b>Note:</b> ${escapeHtml(why)}</p>` : ''}${description}${link}<p><code>${escapeHtml(ticketCommand(message))}</code></p></body></html>`;
}

export function ticketEmail(message: TicketMessage, from: string, to: string): Mail {
  return {
    from,
    to,
    subject: ticketHeadline(message),
    text: ticketPlainText(message),
    html: ticketHtml(message),
    headers: {
      'X-Faultline-Ticket': message.event.ticket.ticketId,
      'X-Faultline-Ticket-Event': message.event.eventId,
      ...(message.event.ticket.severity ? { 'X-Faultline-Severity': message.event.ticket.severity } : {}),
    },
  };
}

/** Same shape as alert messages: header, facts, context; the colour bar is the ticket's severity. */
export function ticketSlackPayload(message: TicketMessage) {
  const headline = ticketHeadline(message);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(headline, 150), emoji: true } },
    {
      type: 'section',
      fields: ticketFacts(message)
        .slice(0, 10)
        .map(([k, v]) => ({ type: 'mrkdwn', text: `*${k}*\n${escapeSlack(v)}` })),
    },
  ];
  const why = note(message);
  if (why) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(escapeSlack(why), 3000) } });
  const context = [`Faultline ticket · ${slackCodeSpan(ticketCommand(message))}`];
  if (message.ticketUrl) context.push(`<${message.ticketUrl}|Open the ticket>`);
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context.join(' · ') }] });
  return {
    text: escapeSlack(headline),
    attachments: [{ color: ticketColour(message), fallback: headline, blocks }],
  };
}

export function ticketSmsBody(message: TicketMessage): string {
  const text = `${ticketHeadline(message)} (${message.event.ticket.ticketId})${message.ticketUrl ? ` ${message.ticketUrl}` : ''}`;
  return truncate(text, 320);
}

export function ticketWebhookBody(message: TicketMessage): string {
  return JSON.stringify({
    type: `ticket.${message.event.type}`,
    recipient: message.recipient,
    sentAt: new Date(message.at).toISOString(),
    eventId: message.event.eventId,
    actor: message.event.actor,
    ticket: message.event.ticket,
    url: message.ticketUrl,
  });
}
