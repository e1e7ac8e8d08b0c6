import { CodedError, type CodedErrorOptions } from '@faultline/errors';

/** Every error ingest answers on purpose, with its HTTP status (fastify `lib/errors.js` style). */
const INGEST_ERRORS = {
  FL_INGEST_INVALID_BODY: { status: 400 },
  FL_INGEST_INVALID_EVENT: { status: 400 },
  FL_INGEST_INVALID_ENVELOPE: { status: 400 },
  FL_INGEST_TOO_DEEP: { status: 400 },
  FL_INGEST_AUTH_MISSING: { status: 403 },
  FL_INGEST_AUTH_MISMATCH: { status: 403 },
  FL_INGEST_KEY_INVALID: { status: 403 },
  FL_INGEST_KEY_REVOKED: { status: 403 },
  FL_INGEST_ORIGIN_NOT_ALLOWED: { status: 403 },
  FL_INGEST_NOT_FOUND: { status: 404 },
  FL_INGEST_BODY_TOO_LARGE: { status: 413 },
  FL_INGEST_UNSUPPORTED_ENCODING: { status: 415 },
  FL_INGEST_RATE_LIMITED: { status: 429 },
  FL_INGEST_KAFKA_UNAVAILABLE: { status: 503 },
  FL_INGEST_REDIS_UNAVAILABLE: { status: 503 },
} as const;

export type IngestErrorCode = keyof typeof INGEST_ERRORS;

export type IngestErrorDetails = {
  /** JSON pointer of the field that failed, e.g. `/level`. */
  field?: string;
  /** Which event of a batch (0-based), or which NDJSON line (1-based, `line`). */
  index?: number;
  line?: number;
};

export class IngestError extends CodedError<IngestErrorCode, IngestErrorDetails> {
  override readonly name = 'IngestError';
  constructor(code: IngestErrorCode, message: string, options?: CodedErrorOptions<IngestErrorDetails>) {
    super(code, message, INGEST_ERRORS[code], options);
  }
}

export function isIngestError(error: unknown, code?: IngestErrorCode): error is IngestError {
  return error instanceof IngestError && (code === undefined || error.code === code);
}
