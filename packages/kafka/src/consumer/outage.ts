/** Node's and undici's codes for a dependency that cannot be reached right now. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
]);

/** Our own codes for "Kafka would not take it" or "the consumer is stopping", not "this message is bad". */
const OUTAGE_CODES = new Set([
  'FL_KAFKA_PRODUCE_FAILED',
  'FL_KAFKA_BUFFER_FULL',
  'FL_KAFKA_PRODUCER_CLOSED',
  'FL_KAFKA_DLQ_LIMIT',
]);

/** ioredis gives up on a command with these while Redis is away. */
const OUTAGE_NAMES = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError']);

/**
 * True when an error says a dependency is down (Kafka, Redis, ClickHouse, a network), not
 * that the message is bad: such a failed attempt is not held against the message, so an
 * outage is retried as long as it lasts and never dead-letters the topic. Follows `cause`.
 * kafkajs marks its own passing failures (rebalance, leader moved) `retriable`.
 */
export function isOutage(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, name, retriable, cause } = current as {
      code?: unknown;
      name?: unknown;
      retriable?: unknown;
      cause?: unknown;
    };
    if (retriable === true) return true;
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || OUTAGE_CODES.has(code))) return true;
    if (typeof name === 'string' && OUTAGE_NAMES.has(name)) return true;
    current = cause;
  }
  return false;
}
