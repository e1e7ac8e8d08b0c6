import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { IngestError, isIngestError } from '../errors.js';
import type { IngestMetrics } from '../plugins/metrics.js';
import { sentryRateLimitsHeader } from '../rate-limit/gcra.js';

/** Fastify's own 4xx codes mapped to ours, so clients and metrics see one vocabulary. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'FL_INGEST_BODY_TOO_LARGE',
  FST_ERR_VALIDATION: 'FL_INGEST_INVALID_REQUEST',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'FL_INGEST_INVALID_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'FL_INGEST_INVALID_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'FL_INGEST_INVALID_BODY',
};

/**
 * One error handler: coded 4xx errors go back as `{ error, message, field?, index? }`; 503s
 * and 429s carry Retry-After (and Sentry's rate-limit header); anything else is logged with
 * the request and answered as a bare 500, hiding internals.
 */
export function ingestErrorHandler(metrics: IngestMetrics) {
  return (raw: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const error = redisOutage(raw, request) ?? raw;
    if (isIngestError(error)) {
      metrics.rejected.inc({ reason: error.code });
      const { retryAfterSeconds, ...details } = error.details;
      if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
      if (error.code === 'FL_INGEST_RATE_LIMITED' && retryAfterSeconds !== undefined)
        reply.header('x-sentry-rate-limits', sentryRateLimitsHeader(retryAfterSeconds));
      if (error.statusCode >= 500)
        request.log.warn({ err: error.cause ?? error, code: error.code }, error.message);
      return reply.code(error.statusCode).send({ error: error.code, message: error.message, ...details });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = FASTIFY_CODES[error.code] ?? 'FL_INGEST_INVALID_REQUEST';
      metrics.rejected.inc({ reason: code });
      return reply.code(status).send({ error: code, message: error.message });
    }
    metrics.rejected.inc({ reason: 'FL_INGEST_INTERNAL' });
    request.log.error({ err: error, method: request.method, url: request.url }, 'request failed');
    return reply.code(500).send({ error: 'FL_INGEST_INTERNAL', message: 'internal error' });
  };
}

/**
 * Keys and rate limits live in Redis; while it is away (restart, failover) a request cannot be
 * checked, which is the service being unavailable for a moment, not an internal error.
 */
function redisOutage(error: FastifyError, request: FastifyRequest): IngestError | undefined {
  if (isIngestError(error) || (error.statusCode ?? 500) < 500) return undefined;
  const fromRedis =
    request.server.redis.status !== 'ready' ||
    error.name === 'MaxRetriesPerRequestError' ||
    /Stream isn't writeable|Connection is closed/.test(error.message);
  if (!fromRedis) return undefined;
  return new IngestError(
    'FL_INGEST_REDIS_UNAVAILABLE',
    'Redis is unavailable; retry shortly',
    { retryAfterSeconds: 1 },
    { cause: error },
  );
}
