import Type, { type Static, type TSchema } from 'typebox';
import type { ContentTyped } from './content-typed.js';

/**
 * Every error answer of every service: `{"error": "<CODE>", "message": "...", ...details}`.
 * Details (e.g. ingest's `field`, `index`) ride along as extra top-level fields.
 */
export const ErrorEnvelope = Type.Object(
  {
    /** A closed code per service, e.g. `FL_INGEST_INVALID_EVENT`. */
    error: Type.String({ pattern: '^[A-Z][A-Z0-9_]*$' }),
    /** For people; never internals (a 5xx says only what a client can act on). */
    message: Type.String(),
  },
  { additionalProperties: true },
);
export type ErrorEnvelope = Static<typeof ErrorEnvelope>;

/** A route's answers: its own (by status) and the error envelope for every 4xx and 5xx. */
export function withErrors<const Answers extends Record<number, TSchema | ContentTyped>>(answers: Answers) {
  return { ...answers, '4xx': ErrorEnvelope, '5xx': ErrorEnvelope };
}
