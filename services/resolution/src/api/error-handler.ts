import { clickHouseRefusal } from '@faultline/clickhouse';
import type { ErrorHandlerOptions } from '@faultline/errors';
import { ResolutionError } from '../errors.js';

/**
 * Resolution's use of the shared error handler: ClickHouse out of reach is a 503, a query
 * stopped at one of its limits a 422 naming the limit, neither an internal error.
 */
export const resolutionErrorOptions: ErrorHandlerOptions = {
  prefix: 'FL_RESOLUTION',
  classify: (error) => {
    const refusal = clickHouseRefusal(error);
    return (
      refusal &&
      new ResolutionError(`FL_RESOLUTION_${refusal.code}`, refusal.message, {
        cause: error,
        details: refusal.details,
      })
    );
  },
};
