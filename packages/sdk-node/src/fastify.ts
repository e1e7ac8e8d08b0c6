import { type Client, getCurrentClient } from '@faultline/browser/core';
import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import { isServerError } from './http-status.js';
import { elapsedSince, markRequestStart } from './request-timing.js';

export interface FastifyOptions {
  /** @default the client `init` made */
  client?: Client;
  /** @default 'api' */
  component?: string | ((request: FastifyRequest) => string);
  /** Which errors to report. @default 5xx and errors without a status */
  shouldReport?: (error: unknown, request: FastifyRequest) => boolean;
}

/**
 * Reports route errors (source fastify) from the onError hook, which runs before fastify's
 * error handler answers, so responses are unchanged. Registered without encapsulation (as
 * fastify-plugin would) so it sees every route of the instance it is registered on.
 */
export const faultlineFastify: FastifyPluginCallback<FastifyOptions> = Object.assign(
  ((app, options, done) => {
    const shouldReport = options.shouldReport ?? isServerError;
    app.addHook('onRequest', (request, _reply, next) => {
      markRequestStart(request);
      next();
    });
    app.addHook('onError', (request, _reply, error, next) => {
      const client = options.client ?? getCurrentClient();
      if (client && shouldReport(error, request)) {
        const component =
          typeof options.component === 'function' ? options.component(request) : (options.component ?? 'api');
        client.captureException(error, {
          source: 'fastify',
          component,
          action: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
          request: {
            url: `${request.protocol}://${request.host}${request.url}`,
            method: request.method,
            userAgent: request.headers['user-agent'],
          },
          responseTimeMs: elapsedSince(request),
          mechanism: { type: 'fastify', handled: true },
        });
      }
      next();
    });
    done();
  }) as FastifyPluginCallback<FastifyOptions>,
  { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: 'faultline' },
);
