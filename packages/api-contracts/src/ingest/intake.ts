import Type, { type Static } from 'typebox';

/** Answers of ingest's intake routes. */

/** 202 of `POST /api/v1/events`: the ids of the accepted events, in order. */
export const AcceptedEvents = Type.Object({ ids: Type.Array(Type.String()) });
export type AcceptedEvents = Static<typeof AcceptedEvents>;

/** 200 of Sentry's envelope and store endpoints: the (first) event's id, as Sentry answers. */
export const SentryAccepted = Type.Object({ id: Type.String() });
export type SentryAccepted = Static<typeof SentryAccepted>;
