import { createLogger, createMetricsRegistry } from '@faultline/observability';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import resolutionApp, { type ResolutionAppOptions } from './app.js';

/** A ready (not listening) resolution app; `listen` is the caller's choice. Without a logger it logs warnings only. */
export async function buildResolutionApp(
  options: Omit<ResolutionAppOptions, 'registry'> & { registry?: Registry; logger?: Logger },
): Promise<FastifyInstance> {
  const {
    logger = createLogger({ service: 'resolution', level: 'warn' }),
    registry = createMetricsRegistry('resolution'),
    ...rest
  } = options;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // An unknown parameter is a client's mistake to report, not to drop silently.
    ajv: { customOptions: { removeAdditional: false } },
  });
  // Not encapsulated: the app's root holds the access rules (listRouteAccess reads them there).
  await app.register(fp(resolutionApp), { ...rest, registry });
  await app.ready();
  return app;
}
