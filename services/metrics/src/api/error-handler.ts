import { clickHouseRefusal } from '@faultline/clickhouse';
import type { ErrorHandlerOptions } from '@faultline/errors';
import { MetricsError } from '../errors.js';

/**
 * Metrics' use of the shared error handler: ClickHouse out of reach is a 503, a query stopped
 * at one of its limits a 422 naming the limit, neither an internal error.
 */
export const metricsErrorOptions: ErrorHandlerOptions = {
  prefix: 'FL_METRICS',
  classify: (error) => {
    const refusal = clickHouseRefusal(error);
    return (
      refusal &&
      new MetricsError(`FL_METRICS_${refusal.code}`, refusal.message, {
        cause: error,
        details: refusal.details,
      })
    );
  },
};

/** The metrics API's 429 past a client's request rate. */
export function rateLimited(retryAfterSeconds: number): MetricsError {
  return new MetricsError('FL_METRICS_RATE_LIMITED', 'too many requests: slow down', { retryAfterSeconds });
}
