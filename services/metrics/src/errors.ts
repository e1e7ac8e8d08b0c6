import { CodedError, type CodedErrorOptions } from '@faultline/errors';

/** Every error the metrics API answers on purpose, with its HTTP status (fastify `lib/errors.js` style). */
const METRICS_ERRORS = {
  FL_METRICS_INVALID_RANGE: { status: 400 },
  FL_ADMIN_INVALID: { status: 400 },
  FL_ADMIN_NOT_FOUND: { status: 404 },
  FL_ADMIN_CONFLICT: { status: 409 },
  FL_METRICS_CLICKHOUSE_UNAVAILABLE: { status: 503 },
  /** ClickHouse stopped the query at a limit (time, memory, rows): `limit` names it, the message what to narrow. */
  FL_METRICS_QUERY_TOO_EXPENSIVE: { status: 422 },
  FL_METRICS_RATE_LIMITED: { status: 429 },
  /** The client has as many live streams open as it may. */
  FL_METRICS_TOO_MANY_STREAMS: { status: 429 },
} as const;

export type MetricsErrorCode = keyof typeof METRICS_ERRORS;

export class MetricsError extends CodedError<MetricsErrorCode> {
  override readonly name = 'MetricsError';
  constructor(code: MetricsErrorCode, message: string, options?: CodedErrorOptions) {
    super(code, message, METRICS_ERRORS[code], options);
  }
}
