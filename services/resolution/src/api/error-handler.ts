import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ResolutionError } from '../errors.js';

/**
 * Coded errors answer `{code, message}` with their status; schema failures are 400; anything
 * else is logged with the request and answered 503 if ClickHouse is unreachable, else a bare 500.
 */
export function resolutionErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ResolutionError) {
    if (error.statusCode >= 500) request.log.warn({ err: error }, error.message);
    return reply.code(error.statusCode).send({ code: error.code, message: error.message });
  }
  if (error.validation)
    return reply.code(400).send({ code: 'FL_RESOLUTION_INVALID_REQUEST', message: error.message });
  if (error.statusCode && error.statusCode < 500)
    return reply.code(error.statusCode).send({ code: error.code, message: error.message });
  request.log.error({ err: error }, 'request failed');
  if (isConnectionError(error))
    return reply
      .code(503)
      .send({ code: 'FL_RESOLUTION_CLICKHOUSE_UNAVAILABLE', message: 'ClickHouse is unreachable' });
  return reply.code(500).send({ code: 'FL_RESOLUTION_INTERNAL', message: 'internal error' });
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH';
}
