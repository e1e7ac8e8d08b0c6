import Type, { type Static } from 'typebox';
import { IsoTime, SchemaVersion } from './common.js';

/** A message a consumer could not use (`dlq`): the original bytes and why. */
export const DeadLetter = Type.Object(
  {
    schemaVersion: SchemaVersion,
    source: Type.Object(
      {
        topic: Type.String({ minLength: 1 }),
        partition: Type.Integer({ minimum: 0 }),
        offset: Type.String({ pattern: '^[0-9]+$' }),
        /** The original key, base64; null when the message had none. */
        key: Type.Union([Type.String(), Type.Null()]),
        timestamp: Type.String(),
      },
      { additionalProperties: false },
    ),
    /** The consumer group that gave up on it. */
    consumer: Type.String({ minLength: 1 }),
    reason: Type.String({ minLength: 1, maxLength: 4096 }),
    /** The original value, base64 (it may not be UTF-8); null for a tombstone. */
    payload: Type.Union([Type.String(), Type.Null()]),
    failedAt: IsoTime,
  },
  { additionalProperties: false },
);
export type DeadLetter = Static<typeof DeadLetter>;
