/** Every error the metrics API answers on purpose, with its HTTP status (fastify `lib/errors.js` style). */
const STATUS = {
  FL_METRICS_INVALID_RANGE: 400,
  FL_ADMIN_INVALID: 400,
  FL_ADMIN_FORBIDDEN: 403,
  FL_ADMIN_NOT_FOUND: 404,
  FL_ADMIN_CONFLICT: 409,
  FL_METRICS_CLICKHOUSE_UNAVAILABLE: 503,
} as const;

export type MetricsErrorCode = keyof typeof STATUS;

export class MetricsError extends Error {
  override readonly name = 'MetricsError';
  readonly statusCode: number;
  constructor(
    readonly code: MetricsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.statusCode = STATUS[code];
  }
}
