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

/** What one ticket may hold, so every TicketEvent (the whole ticket) fits one Kafka message. */
export interface TicketBounds {
  /** Steps one ticket keeps (the contract allows 1000). */
  maxSteps: number;
  /** Largest encoded TicketEvent, under the brokers' message.max.bytes. */
  maxEventBytes: number;
  /** Tickets one group may have over its life (one per regression-free resolution). */
  maxPerGroup: number;
}

export const DEFAULT_TICKET_BOUNDS: TicketBounds = {
  maxSteps: 200,
  maxEventBytes: 900_000,
  maxPerGroup: 100,
};

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
export function addStep(
  ticket: Ticket,
  update: StepUpdate,
  at: string,
  maxSteps = DEFAULT_TICKET_BOUNDS.maxSteps,
): TicketChange {
  if (ticket.status === 'resolved')
    throw new ResolutionError(
      'FL_TICKET_INVALID_TRANSITION',
      `ticket ${ticket.ticketId} is resolved; reopen it first`,
    );
  if (ticket.steps.length >= maxSteps)
    throw new ResolutionError(
      'FL_TICKET_STEPS_FULL',
      `ticket ${ticket.ticketId} has ${ticket.steps.length} steps, the most one ticket keeps: open a new ticket`,
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

/**
 * Back to open with the reason as a step; the earlier resolution is dropped from the current state
 * (the topic keeps it). A regression must never be refused, so past `maxSteps` the oldest steps
 * leave the current state instead (the topic keeps them too).
 */
export function reopenTicket(
  ticket: Ticket,
  reason: Omit<TicketStep, 'at'>,
  at: string,
  maxSteps = DEFAULT_TICKET_BOUNDS.maxSteps,
): TicketChange {
  if (ticket.status !== 'resolved')
    throw new ResolutionError('FL_TICKET_INVALID_TRANSITION', `ticket ${ticket.ticketId} is not resolved`);
  const { resolvedAt: _resolvedAt, resolution: _resolution, ...rest } = ticket;
  return {
    ticket: { ...rest, status: 'open', steps: [...ticket.steps, { ...reason, at }].slice(-maxSteps) },
    type: 'reopened',
  };
}

/**
 * The ticket with its oldest steps dropped until its event's size (`sizeOf`, in bytes) is within
 * `maxBytes`: for system changes that must go through. Each step's share is its JSON and a comma.
 * Undefined when even no steps do not fit.
 */
export function trimOldestSteps(
  ticket: Ticket,
  sizeOf: (ticket: Ticket) => number,
  maxBytes: number,
): Ticket | undefined {
  let size = sizeOf(ticket);
  let drop = 0;
  for (; size > maxBytes && drop < ticket.steps.length; drop++)
    size -= Buffer.byteLength(JSON.stringify(ticket.steps[drop])) + 1;
  if (size > maxBytes) return undefined;
  return drop === 0 ? ticket : { ...ticket, steps: ticket.steps.slice(drop) };
}
