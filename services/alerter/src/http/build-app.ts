import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import alerterApp, { type AlerterAppOptions } from './app.js';

/** A ready (not listening) alerter HTTP app. */
export async function buildAlerterApp(
  options: AlerterAppOptions & { logger: Logger },
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    // An unknown field is a client's mistake to report, not to drop silently.
    ajv: { customOptions: { removeAdditional: false } },
  });
  await app.register(fp(alerterApp), options);
  await app.ready();
  return app;
}
