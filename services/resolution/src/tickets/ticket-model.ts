import type { CategorizedEvent, Ticket, TicketEvent, TicketStep } from '@faultline/contracts';
import { ResolutionError } from '../errors.js';

/** One change to a ticket: the ticket afterwards and the TicketEvent type that records it. */
export interface TicketChange {
  ticket: Ticket;
  type: TicketEvent['type'];
}

export interface StepUpdate {
  action: string;
  description: string;
  author: string;
  status?: 'open' | 'in-progress';
  assignee?: string;
}

const TITLE_MESSAGE_CHARS = 100;
const DESCRIPTION_MAX = 16_384;

/** The runbook's `component: message`, the message cut at 100 characters. */
export function ticketTitle(component: string | undefined, message: string): string {
  const text = message.replace(/\s+/g, ' ').trim().slice(0, TITLE_MESSAGE_CHARS) || '(no message)';
  return `${component || 'unknown'}: ${text}`;
}

/** What an on-call engineer wants first: the decision, where it happened, who hit it, the exception. */
export function describeEvent(categorized: CategorizedEvent): string {
  const { event } = categorized;
  const exception = event.exception?.at(-1);
  const frame = exception?.frames?.findLast((f) => f.inApp !== false);
  const lines = [
    `${categorized.severity} / ${categorized.category} / ${categorized.priority}, team ${categorized.team} (rule ${categorized.ruleId})`,
    `Group ${categorized.groupId}, first ticketed event ${event.eventId} at ${event.timestamp}`,
    `Message: ${event.message}`,
    exception ? `Exception: ${exception.type}: ${exception.value}` : undefined,
    frame
      ? `At: ${frame.function ?? '?'} (${frame.filename ?? frame.module ?? '?'}:${frame.lineno ?? '?'})`
      : undefined,
    `Component: ${event.component ?? 'unknown'}${event.action ? `, action ${event.action}` : ''}, source ${event.source}`,
    event.environment || event.release
      ? `Environment: ${event.environment ?? '-'}, release ${event.release ?? '-'}`
      : undefined,
    event.userId || event.sessionId
      ? `User: ${event.userId ?? '-'}, session ${event.sessionId ?? '-'}`
      : undefined,
    event.request?.url
      ? `URL: ${event.request.method ?? ''} ${event.request.url}`.replace('  ', ' ')
      : undefined,
    event.request?.userAgent ? `User agent: ${event.request.userAgent}` : undefined,
  ];
  return lines
    .filter((line): line is string => line !== undefined)
    .join('\n')
    .slice(0, DESCRIPTION_MAX);
}

export function openTicket(input: Omit<Ticket, 'status' | 'steps' | 'createdAt'> & { at: string }): Ticket {
  const { at, ...fields } = input;
  return {
    ...fields,
    description: fields.description.slice(0, DESCRIPTION_MAX),
    status: 'open',
    steps: [],
    createdAt: at,
  };
}

/** The runbook's `updateResolution`: a step, and optionally a new status or assignee. */
export function addStep(ticket: Ticket, update: StepUpdate, at: string): TicketChange {
  if (ticket.status === 'resolved')
    throw new ResolutionError(
      'FL_TICKET_INVALID_TRANSITION',
      `ticket ${ticket.ticketId} is resolved; reopen it first`,
    );
  const step: TicketStep = {
    action: update.action,
    description: update.description,
    author: update.author,
    at,
  };
  const reassigned = update.assignee !== undefined && update.assignee !== ticket.assignee;
  const statusChanged = update.status !== undefined && update.status !== ticket.status;
  const next: Ticket = {
    ...ticket,
    steps: [...ticket.steps, step],
    ...(reassigned ? { assignee: update.assignee } : {}),
    ...(statusChanged ? { status: update.status } : {}),
  };
  // One event per change; a reassignment is named so its notification is never missed.
  return { ticket: next, type: reassigned ? 'assigned' : statusChanged ? 'status-changed' : 'step-added' };
}

export function resolveTicket(
  ticket: Ticket,
  resolution: { description: string; resolver: string },
  at: string,
): TicketChange {
  if (ticket.status === 'resolved')
    throw new ResolutionError(
      'FL_TICKET_INVALID_TRANSITION',
      `ticket ${ticket.ticketId} is already resolved`,
    );
  return { ticket: { ...ticket, status: 'resolved', resolvedAt: at, resolution }, type: 'resolved' };
}

/** Back to open with the reason as a step; the earlier resolution is dropped from the current state (the topic keeps it). */
export function reopenTicket(ticket: Ticket, reason: Omit<TicketStep, 'at'>, at: string): TicketChange {
  if (ticket.status !== 'resolved')
    throw new ResolutionError('FL_TICKET_INVALID_TRANSITION', `ticket ${ticket.ticketId} is not resolved`);
  const { resolvedAt: _resolvedAt, resolution: _resolution, ...rest } = ticket;
  return {
    ticket: { ...rest, status: 'open', steps: [...ticket.steps, { ...reason, at }] },
    type: 'reopened',
  };
}
