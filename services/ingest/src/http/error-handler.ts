import type { ErrorHandlerOptions } from '@faultline/errors';
import type { FastifyError, FastifyRequest } from 'fastify';
import { IngestError, isIngestError } from '../errors.js';
import type { IngestMetrics } from '../plugins/metrics.js';
import { sentryRateLimitsHeader } from '../rate-limit/gcra.js';

/**
 * Ingest's use of the shared error handler: every refusal is counted by code, a rate-limited
 * answer carries Sentry's rate-limit header, and a Redis outage is a 503, not an internal error.
 */
export function ingestErrorOptions(metrics: IngestMetrics): ErrorHandlerOptions {
  return {
    prefix: 'FL_INGEST',
    classify: redisOutage,
    onAnswer({ body, error }, _request, reply) {
      metrics.rejected.inc({ reason: body.error });
      if (isIngestError(error, 'FL_INGEST_RATE_LIMITED') && error.retryAfterSeconds !== undefined)
        reply.header('x-sentry-rate-limits', sentryRateLimitsHeader(error.retryAfterSeconds));
    },
  };
}

/**
 * Keys and rate limits live in Redis; while it is away (restart, failover) a request cannot be
 * checked, which is the service being unavailable for a moment, not an internal error.
 */
function redisOutage(error: FastifyError, request: FastifyRequest): IngestError | undefined {
  if ((error.statusCode ?? 500) < 500) return undefined;
  const fromRedis =
    request.server.redis.status !== 'ready' ||
    error.name === 'MaxRetriesPerRequestError' ||
    /Stream isn't writeable|Connection is closed/.test(error.message);
  if (!fromRedis) return undefined;
  return new IngestError('FL_INGEST_REDIS_UNAVAILABLE', 'Redis is unavailable; retry shortly', {
    retryAfterSeconds: 1,
    cause: error,
  });
}
