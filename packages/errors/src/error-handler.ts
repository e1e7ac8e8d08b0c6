import type { ErrorEnvelope } from '@faultline/api-contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type CodedError, isCodedError } from './coded-error.js';
import { codeForFastifyError } from './fastify-errors.js';

/** One error answered: what the client saw. */
export interface ErrorAnswer {
  status: number;
  body: ErrorEnvelope;
  /** The coded error answered, if the answer came from one. */
  error?: CodedError;
}

export interface ErrorHandlerOptions {
  /** Prefix of the codes the handler makes itself: `<prefix>_INVALID_REQUEST`, `<prefix>_NOT_FOUND`, `<prefix>_INTERNAL`. */
  prefix: string;
  /** Turns an uncoded failure into a coded one (a store that is away into a 503) before it counts as internal. */
  classify?: (error: FastifyError, request: FastifyRequest) => CodedError | undefined;
  /** Sees every error answer before it is sent: counters, extra headers. */
  onAnswer?: (answer: ErrorAnswer, request: FastifyRequest, reply: FastifyReply) => void;
}

/**
 * Every error of the instance it is registered on (and its children) answers the error
 * envelope: coded errors with their code, status, details and Retry-After; Fastify's own
 * 4xx with the service's code; unknown routes `<prefix>_NOT_FOUND`; anything else is logged
 * with the request and answered as a bare 500, hiding internals.
 */
async function errorHandler(app: FastifyInstance, options: ErrorHandlerOptions): Promise<void> {
  const send = (answer: ErrorAnswer, request: FastifyRequest, reply: FastifyReply) => {
    options.onAnswer?.(answer, request, reply);
    return reply.code(answer.status).send(answer.body);
  };

  app.setErrorHandler((raw: FastifyError, request, reply) => {
    const error = isCodedError(raw) ? raw : (options.classify?.(raw, request) ?? raw);
    const context = { method: request.method, url: request.url };
    if (isCodedError(error)) {
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
      // A coded 5xx is on purpose (a dependency is away): its message is ours to show, its cause is for the log.
      if (error.statusCode >= 500)
        request.log.warn({ err: error.cause ?? error, code: error.code, ...context }, error.message);
      const body = { error: error.code, message: error.message, ...error.details };
      return send({ status: error.statusCode, body, error }, request, reply);
    }
    const status = raw.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = raw.code?.startsWith('FST_') ? codeForFastifyError(options.prefix, raw.code) : raw.code;
      const body = { error: code ?? `${options.prefix}_INVALID_REQUEST`, message: raw.message };
      return send({ status, body }, request, reply);
    }
    request.log.error({ err: raw, ...context }, 'request failed');
    const body = { error: `${options.prefix}_INTERNAL`, message: 'internal error' };
    return send({ status: 500, body }, request, reply);
  });

  app.setNotFoundHandler((request, reply) => {
    const body = {
      error: `${options.prefix}_NOT_FOUND`,
      message: `no route ${request.method} ${request.url}`,
    };
    return send({ status: 404, body }, request, reply);
  });
}

/** The error handler as a plugin: register it first, on the app whose answers it should shape. */
export default fp(errorHandler, { name: '@faultline/errors', fastify: '5.x' });
