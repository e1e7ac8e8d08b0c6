import Type, { type Static } from 'typebox';
import { Id, IsoTime, SchemaVersion, StringEnum } from './common.js';

export const LEVELS = ['fatal', 'error', 'warning', 'info', 'debug'] as const;

/** Where in the application the error was caught: the runbook's collection points. */
export const SOURCES = [
  'error-boundary',
  'global-handler',
  'unhandled-rejection',
  'network',
  'express',
  'fastify',
  'webhook',
  'rate-limiter',
  'convex',
  'other',
] as const;

export const StackFrame = Type.Object(
  {
    filename: Type.Optional(Type.String({ maxLength: 1024 })),
    module: Type.Optional(Type.String({ maxLength: 512 })),
    function: Type.Optional(Type.String({ maxLength: 512 })),
    lineno: Type.Optional(Type.Integer({ minimum: 0 })),
    colno: Type.Optional(Type.Integer({ minimum: 0 })),
    absPath: Type.Optional(Type.String({ maxLength: 2048 })),
    /** False for library and runtime frames; grouping uses in-app frames only. */
    inApp: Type.Optional(Type.Boolean()),
    contextLine: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
);
export type StackFrame = Static<typeof StackFrame>;

export const ExceptionValue = Type.Object(
  {
    type: Type.String({ minLength: 1, maxLength: 256 }),
    value: Type.String({ maxLength: 8192 }),
    module: Type.Optional(Type.String({ maxLength: 512 })),
    /** Oldest call first, the frame that threw last (Sentry's order). */
    frames: Type.Optional(Type.Array(StackFrame, { maxItems: 250 })),
    mechanism: Type.Optional(
      Type.Object(
        { type: Type.String({ maxLength: 128 }), handled: Type.Optional(Type.Boolean()) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ExceptionValue = Static<typeof ExceptionValue>;

export const RequestInfo = Type.Object(
  {
    url: Type.Optional(Type.String({ maxLength: 4096 })),
    method: Type.Optional(Type.String({ maxLength: 16 })),
    userAgent: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
);

/**
 * One error as an application reported it: the value of `errors.raw`, a public contract
 * (see the package README). Ingest fills `eventId` and `receivedAt` when they are absent.
 */
export const ErrorEvent = Type.Object(
  {
    schemaVersion: SchemaVersion,
    eventId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    projectId: Id,
    /** When the error happened, by the client's clock. */
    timestamp: IsoTime,
    /** When Faultline accepted it, by ingest's clock. */
    receivedAt: Type.Optional(IsoTime),
    /** Client clock minus ingest clock at receipt, when the difference was worth recording. */
    clockSkewMs: Type.Optional(Type.Number()),
    level: StringEnum(LEVELS),
    message: Type.String({ maxLength: 16384 }),
    /** The exception chain: the root cause first, the exception that was caught last. */
    exception: Type.Optional(Type.Array(ExceptionValue, { minItems: 1, maxItems: 16 })),
    component: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    action: Type.Optional(Type.String({ maxLength: 256 })),
    source: StringEnum(SOURCES),
    environment: Type.Optional(Type.String({ maxLength: 64 })),
    release: Type.Optional(Type.String({ maxLength: 200 })),
    userId: Type.Optional(Type.String({ maxLength: 256 })),
    sessionId: Type.Optional(Type.String({ maxLength: 256 })),
    request: Type.Optional(RequestInfo),
    responseTimeMs: Type.Optional(Type.Number({ minimum: 0 })),
    memoryBytes: Type.Optional(Type.Number({ minimum: 0 })),
    tags: Type.Optional(
      Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 256 }), { maxProperties: 64 }),
    ),
    /** Anything else the client wants kept; not indexed. */
    extra: Type.Optional(
      Type.Record(Type.String({ maxLength: 128 }), Type.Unknown(), { maxProperties: 128 }),
    ),
    /** Overrides grouping: events with the same fingerprint form one group. */
    fingerprint: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { minItems: 1, maxItems: 16 }),
    ),
    sdk: Type.Optional(
      Type.Object(
        { name: Type.String({ maxLength: 128 }), version: Type.String({ maxLength: 64 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ErrorEvent = Static<typeof ErrorEvent>;
export type ErrorSource = ErrorEvent['source'];
export type ErrorLevel = ErrorEvent['level'];
