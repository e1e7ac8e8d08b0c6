/** Every error ingest answers on purpose, with its HTTP status (fastify `lib/errors.js` style). */
const STATUS = {
  FL_INGEST_INVALID_BODY: 400,
  FL_INGEST_INVALID_EVENT: 400,
  FL_INGEST_INVALID_ENVELOPE: 400,
  FL_INGEST_TOO_DEEP: 400,
  FL_INGEST_AUTH_MISSING: 403,
  FL_INGEST_AUTH_MISMATCH: 403,
  FL_INGEST_KEY_INVALID: 403,
  FL_INGEST_KEY_REVOKED: 403,
  FL_INGEST_ORIGIN_NOT_ALLOWED: 403,
  FL_INGEST_ADMIN_UNAUTHORIZED: 401,
  FL_INGEST_NOT_FOUND: 404,
  FL_INGEST_BODY_TOO_LARGE: 413,
  FL_INGEST_UNSUPPORTED_ENCODING: 415,
  FL_INGEST_RATE_LIMITED: 429,
  FL_INGEST_KAFKA_UNAVAILABLE: 503,
  FL_INGEST_REDIS_UNAVAILABLE: 503,
} as const;

export type IngestErrorCode = keyof typeof STATUS;

export interface IngestErrorDetails {
  /** JSON pointer of the field that failed, e.g. `/level`. */
  field?: string;
  /** Which event of a batch (0-based), or which NDJSON line (1-based, `line`). */
  index?: number;
  line?: number;
  /** Seconds a client should wait (429, 503). */
  retryAfterSeconds?: number;
}

export class IngestError extends Error {
  override readonly name = 'IngestError';
  readonly statusCode: number;
  constructor(
    readonly code: IngestErrorCode,
    message: string,
    readonly details: IngestErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.statusCode = STATUS[code];
  }
}

export function isIngestError(error: unknown, code?: IngestErrorCode): error is IngestError {
  return error instanceof IngestError && (code === undefined || error.code === code);
}
