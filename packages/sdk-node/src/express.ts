import { type Client, getCurrentClient } from '@faultline/browser/core';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { isServerError } from './http-status.js';
import { elapsedSince, markRequestStart } from './request-timing.js';

export interface ExpressOptions {
  /** @default the client `init` made */
  client?: Client;
  /** @default 'api' */
  component?: string | ((request: Request) => string);
  /** Which errors to report. @default 5xx and errors without a status */
  shouldReport?: (error: unknown, request: Request) => boolean;
}

/** First middleware: lets the error handler report how long the request had run. */
export function expressRequestTimer(): RequestHandler {
  return (request, _response, next) => {
    markRequestStart(request);
    next();
  };
}

/** The route pattern (`/orders/:id`), not the URL, so one route's errors share an action. */
function routeOf(request: Request): string {
  const route = (request.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? `${request.baseUrl}${route}` : request.path;
}

/**
 * Express error middleware: reports the error (source express) and passes it on to the next
 * error handler, so the app's own error responses are unchanged. Register it after the routes.
 */
export function expressErrorHandler(options: ExpressOptions = {}): ErrorRequestHandler {
  const shouldReport = options.shouldReport ?? isServerError;
  return (error, request, _response, next) => {
    const client = options.client ?? getCurrentClient();
    if (client && shouldReport(error, request)) {
      const component =
        typeof options.component === 'function' ? options.component(request) : (options.component ?? 'api');
      client.captureException(error, {
        source: 'express',
        component,
        action: `${request.method} ${routeOf(request)}`,
        request: {
          url: `${request.protocol}://${request.get('host') ?? 'localhost'}${request.originalUrl}`,
          method: request.method,
          userAgent: request.get('user-agent'),
        },
        responseTimeMs: elapsedSince(request),
        mechanism: { type: 'express', handled: true },
      });
    }
    next(error);
  };
}
