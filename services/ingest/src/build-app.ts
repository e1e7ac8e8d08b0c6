import type { ServiceAccess } from '@faultline/access';
import { createLogger, createMetricsRegistry } from '@faultline/observability';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import ingestApp from './app.js';
import type { IngestConfig } from './config.js';

/** A ready (not listening) ingest app; `listen` is the caller's choice. */
export async function buildIngestApp(
  config: IngestConfig,
  access: ServiceAccess,
  logger: Logger = createLogger({ service: 'ingest', level: config.log.level }),
  registry: Registry = createMetricsRegistry('ingest'),
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // At thousands of requests a second a log line each is the bottleneck; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.ingest.bodyLimitBytes,
    // An unknown field is a client's mistake to report, not to drop silently.
    ajv: { customOptions: { removeAdditional: false } },
  });
  await app.register(fp(ingestApp), { config, registry, logger, access });
  await app.ready();
  return app;
}
