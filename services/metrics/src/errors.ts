import { CodedError } from '@faultline/errors';

/** Every error the metrics API answers on purpose, with its HTTP status (fastify `lib/errors.js` style). */
const METRICS_ERRORS = {
  FL_METRICS_INVALID_RANGE: { status: 400 },
  FL_METRICS_CLICKHOUSE_UNAVAILABLE: { status: 503 },
} as const;

export type MetricsErrorCode = keyof typeof METRICS_ERRORS;

export class MetricsError extends CodedError<MetricsErrorCode> {
  override readonly name = 'MetricsError';
  constructor(code: MetricsErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, METRICS_ERRORS[code], options);
  }
}
