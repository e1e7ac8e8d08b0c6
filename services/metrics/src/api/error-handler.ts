import { exceededQueryLimit, queryLimitAdvice } from '@faultline/clickhouse';
import { type ErrorHandlerOptions, isConnectionError } from '@faultline/errors';
import { MetricsError } from '../errors.js';

/**
 * Metrics' use of the shared error handler: ClickHouse out of reach is a 503, a query stopped
 * at one of its limits a 422 naming the limit, neither an internal error.
 */
export const metricsErrorOptions: ErrorHandlerOptions = {
  prefix: 'FL_METRICS',
  classify: (error) => {
    if (isConnectionError(error))
      return new MetricsError('FL_METRICS_CLICKHOUSE_UNAVAILABLE', 'ClickHouse is unreachable', {
        cause: error,
      });
    const limit = exceededQueryLimit(error);
    if (limit)
      return new MetricsError('FL_METRICS_QUERY_TOO_EXPENSIVE', queryLimitAdvice(limit), {
        cause: error,
        details: { limit },
      });
    return undefined;
  },
};

/** The metrics API's 429 past a client's request rate. */
export function rateLimited(retryAfterSeconds: number): MetricsError {
  return new MetricsError('FL_METRICS_RATE_LIMITED', 'too many requests: slow down', { retryAfterSeconds });
}
