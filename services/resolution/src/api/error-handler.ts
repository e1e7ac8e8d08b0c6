import { exceededQueryLimit, queryLimitAdvice } from '@faultline/clickhouse';
import { type ErrorHandlerOptions, isConnectionError } from '@faultline/errors';
import { ResolutionError } from '../errors.js';

/**
 * Resolution's use of the shared error handler: ClickHouse out of reach is a 503, a query
 * stopped at one of its limits a 422 naming the limit, neither an internal error.
 */
export const resolutionErrorOptions: ErrorHandlerOptions = {
  prefix: 'FL_RESOLUTION',
  classify: (error) => {
    if (isConnectionError(error))
      return new ResolutionError('FL_RESOLUTION_CLICKHOUSE_UNAVAILABLE', 'ClickHouse is unreachable', {
        cause: error,
      });
    const limit = exceededQueryLimit(error);
    if (limit)
      return new ResolutionError('FL_RESOLUTION_QUERY_TOO_EXPENSIVE', queryLimitAdvice(limit), {
        cause: error,
        details: { limit },
      });
    return undefined;
  },
};
