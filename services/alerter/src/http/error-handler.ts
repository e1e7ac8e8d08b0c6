import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AlerterError } from '../errors.js';

/** Coded errors answer with their code; validation errors say which field; 5xx hide internals. */
export function alerterErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AlerterError)
    return reply.code(error.statusCode).send({ error: error.code, message: error.message });
  if (error.validation)
    return reply.code(400).send({ error: 'FL_ALERTER_INVALID_REQUEST', message: error.message });
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
  if (status >= 500) {
    request.log.error({ err: error, url: request.url }, 'request failed');
    return reply.code(500).send({ error: 'FL_ALERTER_INTERNAL', message: 'internal error' });
  }
  return reply.code(status).send({ error: error.code ?? 'FL_ALERTER_REQUEST', message: error.message });
}
