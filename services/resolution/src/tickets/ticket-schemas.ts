import { Id, Label, Severity, StringEnum, TICKET_STATUSES } from '@faultline/contracts';
import Type from 'typebox';

/** Request schemas of the ticket API. */

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

export const ListTicketsQuery = Type.Object({
  status: Type.Optional(StringEnum(TICKET_STATUSES)),
  /** One group's tickets (a group that regressed has had several). */
  groupId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
});

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

export const ResolveBody = Type.Object(
  {
    description: Type.String({ maxLength: 8192 }),
    resolver: IgnoredActor,
    inNextRelease: Type.Boolean({ default: false }),
    release: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const ReopenBody = Type.Object(
  { actor: IgnoredActor, description: Type.String({ maxLength: 8192, default: '' }) },
  { additionalProperties: false },
);
