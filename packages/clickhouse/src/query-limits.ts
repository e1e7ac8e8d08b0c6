import type { ClickHouseSettings } from '@clickhouse/client';

/** What a read query may cost; see QueryLimitsConfig in @faultline/config for the defaults. */
export interface QueryLimits {
  maxExecutionSeconds: number;
  maxMemoryBytes: number;
  maxResultRows: number;
}

/**
 * Settings of a read-only client: ClickHouse stops a query past a limit with a coded exception
 * instead of running on. `readonly: 2` refuses writes but lets a query keep its own SETTINGS.
 */
export function readOnlySettings(limits: QueryLimits): ClickHouseSettings {
  return {
    readonly: '2',
    max_execution_time: limits.maxExecutionSeconds,
    max_memory_usage: String(limits.maxMemoryBytes),
    max_result_rows: String(limits.maxResultRows),
    result_overflow_mode: 'throw',
  };
}

/** The client waits a little longer than the server's own limit, so the server's coded answer arrives first. */
export function readRequestTimeoutMs(limits: QueryLimits): number {
  return Math.max(30_000, (limits.maxExecutionSeconds + 5) * 1000);
}

export type QueryLimit = 'time' | 'memory' | 'rows';

// ClickHouse exception codes: TIMEOUT_EXCEEDED, MEMORY_LIMIT_EXCEEDED, TOO_MANY_ROWS_OR_BYTES,
// TOO_MANY_ROWS and TOO_MANY_BYTES (an operator's max_rows_to_read / max_bytes_to_read).
const LIMIT_OF_CODE: Record<string, QueryLimit> = {
  '159': 'time',
  '241': 'memory',
  '396': 'rows',
  '158': 'rows',
  '307': 'rows',
};

/** Which limit stopped the query, when ClickHouse stopped it for one. */
export function exceededQueryLimit(error: unknown): QueryLimit | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? LIMIT_OF_CODE[code] : undefined;
}

const ADVICE: Record<QueryLimit, string> = {
  time: 'the query ran past its time limit: narrow the time range or add filters',
  memory: 'the query needed more memory than allowed: narrow the time range or add filters',
  rows: 'the query read or answered more rows than allowed: narrow the time range, lower limit or buckets',
};

/** What the client can narrow, for the answer's message. */
export function queryLimitAdvice(limit: QueryLimit): string {
  return ADVICE[limit];
}
