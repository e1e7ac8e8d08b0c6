import { Id, Label, Severity, StringEnum } from '@faultline/contracts/common';
import { TICKET_STATUSES, Ticket } from '@faultline/contracts/ticket-event';
import Type, { type Static } from 'typebox';

/** Requests and answers of resolution's ticket API, `/api/v1/projects/:projectId/tickets`. */

/** Ignored (older clients send it): the actor of every change is the caller's verified identity. */
const IgnoredActor = Type.Optional(Type.String({ maxLength: 256 }));

export const TicketProjectParams = Type.Object({ projectId: Id });
export const TicketParams = Type.Object({ projectId: Id, ticketId: Id });

export const CreateTicketBody = Type.Object(
  {
    groupId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    eventId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    description: Type.Optional(Type.String({ maxLength: 16384 })),
    assignee: Type.Optional(Label),
    severity: Type.Optional(Severity),
    actor: IgnoredActor,
  },
  { additionalProperties: false },
);
export type CreateTicketBody = Static<typeof CreateTicketBody>;

export const ListTicketsQuery = Type.Object({
  status: Type.Optional(StringEnum(TICKET_STATUSES)),
  /** One group's tickets (a group that regressed has had several). */
  groupId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
});
/** As a client sends it: `limit` has a default. */
export type ListTicketsQuery = Partial<Static<typeof ListTicketsQuery>>;

export const StepBody = Type.Object(
  {
    action: Type.String({ minLength: 1, maxLength: 128 }),
    description: Type.String({ maxLength: 8192, default: '' }),
    author: IgnoredActor,
    /** `resolved` goes through /resolve; a resolved ticket goes back to `open` through /reopen. */
    status: Type.Optional(StringEnum(['open', 'in-progress'] as const)),
    assignee: Type.Optional(Label),
  },
  { additionalProperties: false },
);
export type StepBody = Static<typeof StepBody>;

export const ResolveBody = Type.Object(
  {
    description: Type.String({ maxLength: 8192 }),
    resolver: IgnoredActor,
    inNextRelease: Type.Boolean({ default: false }),
    release: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ResolveBody = Static<typeof ResolveBody>;

export const ReopenBody = Type.Object(
  { actor: IgnoredActor, description: Type.String({ maxLength: 8192, default: '' }) },
  { additionalProperties: false },
);
export type ReopenBody = Static<typeof ReopenBody>;

/** How a group was resolved: fixed now, or fixed in the release after `release`. */
export const ResolveMode = Type.Union([
  Type.Object({ mode: Type.Literal('now') }),
  Type.Object({ mode: Type.Literal('next-release'), release: Type.String() }),
]);
export type ResolveMode = Static<typeof ResolveMode>;

/** 201 (created) or 200 (the group already had an open ticket) of `POST .../tickets`. */
export const TicketCreated = Type.Object({ created: Type.Boolean(), ticket: Ticket });
export type TicketCreated = Static<typeof TicketCreated>;

/** `GET .../tickets`: newest first. */
export const TicketList = Type.Object({ tickets: Type.Array(Ticket) });
export type TicketList = Static<typeof TicketList>;

/** `GET .../tickets/:ticketId`: the ticket, and its group's resolution state when it has a group. */
export const TicketDetail = Type.Object({
  ticket: Ticket,
  group: Type.Optional(
    Type.Object({
      status: StringEnum(['open', 'resolved'] as const),
      /** Reopened by an event after its resolution. */
      regressed: Type.Boolean(),
      resolve: Type.Optional(ResolveMode),
    }),
  ),
});
export type TicketDetail = Static<typeof TicketDetail>;

/** A step, a resolution or a reopening: the ticket as it is afterwards. */
export const TicketAnswer = Type.Object({ ticket: Ticket });
export type TicketAnswer = Static<typeof TicketAnswer>;
