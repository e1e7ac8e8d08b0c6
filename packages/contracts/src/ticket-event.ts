import Type, { type Static } from 'typebox';
import { Id, IsoTime, Label, SchemaVersion, Severity, StringEnum } from './common.js';

export const TICKET_STATUSES = ['open', 'in-progress', 'resolved'] as const;
export const TICKET_EVENT_TYPES = [
  'created',
  'assigned',
  'step-added',
  'status-changed',
  'resolved',
  'reopened',
] as const;

export const TicketStep = Type.Object(
  {
    action: Type.String({ minLength: 1, maxLength: 128 }),
    description: Type.String({ maxLength: 8192 }),
    author: Type.String({ minLength: 1, maxLength: 256 }),
    at: IsoTime,
  },
  { additionalProperties: false },
);
export type TicketStep = Static<typeof TicketStep>;

export const Ticket = Type.Object(
  {
    ticketId: Id,
    projectId: Id,
    groupId: Type.Optional(Type.String({ maxLength: 64 })),
    /** `component: message`, the message cut at 100 characters. */
    title: Type.String({ minLength: 1, maxLength: 300 }),
    description: Type.String({ maxLength: 16384 }),
    severity: Type.Optional(Severity),
    assignee: Label,
    status: StringEnum(TICKET_STATUSES),
    steps: Type.Array(TicketStep, { maxItems: 1000 }),
    createdAt: IsoTime,
    resolvedAt: Type.Optional(IsoTime),
    resolution: Type.Optional(
      Type.Object(
        { description: Type.String({ maxLength: 8192 }), resolver: Type.String({ maxLength: 256 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Ticket = Static<typeof Ticket>;

/** One change to a ticket (`tickets`), carrying the ticket as it is afterwards. */
export const TicketEvent = Type.Object(
  {
    schemaVersion: SchemaVersion,
    eventId: Id,
    type: StringEnum(TICKET_EVENT_TYPES),
    at: IsoTime,
    actor: Type.String({ minLength: 1, maxLength: 256 }),
    ticket: Ticket,
  },
  { additionalProperties: false },
);
export type TicketEvent = Static<typeof TicketEvent>;
