import { type ErrorHandlerOptions, isConnectionError } from '@faultline/errors';
import { MetricsError } from '../errors.js';

/** Metrics' use of the shared error handler: ClickHouse out of reach is a 503, not an internal error. */
export const metricsErrorOptions: ErrorHandlerOptions = {
  prefix: 'FL_METRICS',
  classify: (error) =>
    isConnectionError(error)
      ? new MetricsError('FL_METRICS_CLICKHOUSE_UNAVAILABLE', 'ClickHouse is unreachable', { cause: error })
      : undefined,
};
