import Type from 'typebox';

/**
 * Limits every analytics and investigation query runs under (ClickHouse settings per request):
 * a query past one is stopped by ClickHouse and answered as a coded 422, never a hang.
 */
export const QueryLimitsConfig = Type.Object(
  {
    /** Longest a read query may run (`max_execution_time`), in seconds. @default 10 */
    maxExecutionSeconds: Type.Integer({ minimum: 1, maximum: 600, default: 10 }),
    /** Most memory one read query may use (`max_memory_usage`), in bytes. @default 1073741824 (1 GiB) */
    maxMemoryBytes: Type.Integer({ minimum: 1_048_576, default: 1_073_741_824 }),
    /**
     * Most rows a read query may answer (`max_result_rows`, overflow throws). Keep it above the
     * largest answer a route asks for on purpose: the resolution figures read up to 100 001 tickets
     * (to tell `truncated`). @default 200000
     */
    maxResultRows: Type.Integer({ minimum: 1, maximum: 10_000_000, default: 200_000 }),
  },
  { default: {}, additionalProperties: false },
);

/**
 * Request rate per client (its bearer token, else its IP), a token bucket in the memory of each
 * process: N replicas allow N times the rate. Past it the answer is 429 with Retry-After.
 */
export const RateLimitConfig = Type.Object(
  {
    /** Requests per second a client may sustain; 0 turns the limit off. @default 20 */
    perSecond: Type.Number({ minimum: 0, maximum: 100_000, default: 20 }),
    /** Requests a client may send at once after a quiet spell. @default 100 */
    burst: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 100 }),
  },
  { default: {}, additionalProperties: false },
);
