import { type ErrorHandlerOptions, isConnectionError } from '@faultline/errors';
import { ResolutionError } from '../errors.js';

/** Resolution's use of the shared error handler: ClickHouse out of reach is a 503, not an internal error. */
export const resolutionErrorOptions: ErrorHandlerOptions = {
  prefix: 'FL_RESOLUTION',
  classify: (error) =>
    isConnectionError(error)
      ? new ResolutionError('FL_RESOLUTION_CLICKHOUSE_UNAVAILABLE', 'ClickHouse is unreachable', {
          cause: error,
        })
      : undefined,
};
