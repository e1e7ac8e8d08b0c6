import { ClickHouseError } from '@clickhouse/client';
import { isOutage } from '@faultline/kafka';

/**
 * ClickHouse errors that a row itself causes (it cannot be parsed, converted or stored), so
 * retrying the same rows cannot help: these count as a failed attempt, and after the bound the
 * row goes to the dlq. Every other ClickHouse error (overload, timeouts, too many parts, a
 * replica away) is the server's state, retried as long as it lasts like an outage.
 */
const ROW_FAULT =
  /^(CANNOT_PARSE|CANNOT_READ|INCORRECT_|TYPE_MISMATCH|TOO_LARGE|ILLEGAL_|VALUE_IS_OUT_OF_RANGE|ARGUMENT_OUT_OF_BOUND|CANNOT_INSERT_NULL|CANNOT_CONVERT|UNKNOWN_ELEMENT_IN_ENUM|DUPLICATE_COLUMN|NO_SUCH_COLUMN|THERE_IS_NO_COLUMN|SIZES_OF_)/;

export function isInsertOutage(error: unknown): boolean {
  if (isOutage(error)) return true;
  return error instanceof ClickHouseError && !ROW_FAULT.test(error.type ?? '');
}
