import { accessControl, createAuditor, type ServiceAccess } from '@faultline/access';
import { topicNames } from '@faultline/contracts';
import { errorHandler } from '@faultline/errors';
import { healthRoutes } from '@faultline/runtime';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { IngestConfig } from './config.js';
import { ingestErrorOptions } from './http/error-handler.js';
import kafkaPlugin from './plugins/kafka.js';
import metricsPlugin from './plugins/metrics.js';
import redisPlugin from './plugins/redis.js';
import { ProjectStore } from './projects/project-store.js';
import { RedisRateLimiter } from './rate-limit/redis-rate-limiter.js';
import adminRoutes from './routes/admin.js';
import nativeEvents from './routes/native-events.js';
import preflight from './routes/preflight.js';
import sentryRoutes from './routes/sentry.js';

export interface IngestAppOptions {
  config: IngestConfig;
  registry: Registry;
  /** For the Kafka client's own logs. */
  logger: Logger;
  /** Who may call the admin API (@faultline/access); the event intake stays on project keys. */
  access: ServiceAccess;
}

/** The ingest service as a plugin: server.ts listens with it, tests and the bench build it the same way. */
export default async function ingestApp(
  app: FastifyInstance,
  { config, registry, logger, access }: IngestAppOptions,
): Promise<void> {
  await app.register(metricsPlugin, { registry });
  await app.register(errorHandler, ingestErrorOptions(app.metrics));
  // Before any route: every route declares who may call it.
  await app.register(accessControl, { view: access.view, sessionSecret: access.sessionSecret });
  await app.register(redisPlugin, config.redis);
  await app.register(kafkaPlugin, { brokers: config.kafka.brokers, clientId: config.kafka.clientId, logger });

  await app.register(healthRoutes, {
    registry,
    checks: [
      { name: 'redis', check: () => app.redis.ping() },
      {
        name: 'kafka',
        check: async () => {
          await app.kafkaAdmin.connect();
          await app.kafkaAdmin.describeCluster();
        },
      },
      access.readiness,
    ],
  });

  const topics = topicNames(config.kafka.topicPrefix);
  const projects = new ProjectStore(app.redis, config.redis.keyPrefix);
  await app.register(adminRoutes, {
    publicUrl: config.ingest.publicUrl,
    projects,
    audit: createAuditor(app.producer, topics.audit).audit,
  });

  const intake = {
    config,
    projects,
    rateLimiter: new RedisRateLimiter(app.redis, config.redis.keyPrefix),
    topic: topics.errorsRaw,
  };
  await app.register(async (routes) => {
    // Bodies stay raw bytes here: their encoding, compression and format are for the route to decide
    // (browser SDKs send envelopes as text/plain to avoid a CORS preflight).
    routes.removeAllContentTypeParsers();
    routes.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    await routes.register(nativeEvents, intake);
    await routes.register(sentryRoutes, intake);
    await routes.register(preflight, intake);
  });
}
