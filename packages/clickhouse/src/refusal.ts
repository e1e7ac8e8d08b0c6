import { isConnectionError } from '@faultline/errors';
import { exceededQueryLimit, type QueryLimit, queryLimitAdvice } from './query-limits.js';

/** A ClickHouse failure a client should hear about, to be coded by the service that met it. */
export type ClickHouseRefusal =
  | { code: 'CLICKHOUSE_UNAVAILABLE'; message: string; details?: undefined }
  | { code: 'QUERY_TOO_EXPENSIVE'; message: string; details: { limit: QueryLimit } };

/** Out of reach (the service answers 503) or stopped at a query limit (422 naming it); else undefined. */
export function clickHouseRefusal(error: unknown): ClickHouseRefusal | undefined {
  if (isConnectionError(error))
    return { code: 'CLICKHOUSE_UNAVAILABLE', message: 'ClickHouse is unreachable' };
  const limit = exceededQueryLimit(error);
  return limit
    ? { code: 'QUERY_TOO_EXPENSIVE', message: queryLimitAdvice(limit), details: { limit } }
    : undefined;
}
