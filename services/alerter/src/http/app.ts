import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { accessControl, createAuditor, type ServiceAccess } from '@faultline/access';
import { topicNames } from '@faultline/contracts';
import { errorHandler } from '@faultline/errors';
import { type HealthRoutesOptions, healthRoutes, rateLimit } from '@faultline/runtime';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Alerter } from '../alerter.js';
import type { AlerterConfig } from '../config.js';
import { AlerterError } from '../errors.js';
import alertRoutes from './alert-routes.js';
import silenceRoutes from './silence-routes.js';

export interface AlerterAppOptions {
  config: Pick<AlerterConfig, 'api' | 'kafka'>;
  alerter: Pick<Alerter, 'store' | 'silences' | 'producer' | 'redis' | 'admin'>;
  registry: Registry;
  /** The consumers' liveness for /healthz (`service.liveness`). */
  liveness?: HealthRoutesOptions['liveness'];
  /** Who may call /api/v1 (@faultline/access). */
  access: ServiceAccess;
}

/** Health and metrics for everyone; /api/v1 to tokens and sessions with a role on the alerts' projects. */
export default async function alerterApp(
  app: FastifyInstance,
  { config, alerter, registry, liveness, access }: AlerterAppOptions,
): Promise<void> {
  await app.register(errorHandler, { prefix: 'FL_ALERTER' });
  // Before any route: every route declares who may call it.
  await app.register(accessControl, { view: access.view, sessionSecret: access.sessionSecret });
  await app.register(healthRoutes, {
    registry,
    liveness,
    checks: [
      { name: 'redis', check: () => alerter.redis.ping() },
      { name: 'kafka', check: () => alerter.admin.describeCluster() },
      access.readiness,
    ],
  });
  const topics = topicNames(config.kafka.topicPrefix);
  const audit = createAuditor(alerter.producer, topics.audit).audit;
  await app.register(async (api) => {
    await api.register(rateLimit, {
      ...config.api.rateLimit,
      refuse: (retryAfterSeconds) =>
        new AlerterError('FL_ALERTER_RATE_LIMITED', 'too many requests: slow down', { retryAfterSeconds }),
    });
    const typed = api.withTypeProvider<TypeBoxTypeProvider>();
    await typed.register(alertRoutes, {
      store: alerter.store,
      producer: alerter.producer,
      commandsTopic: topics.alertCommands,
      audit,
    });
    await typed.register(silenceRoutes, { silences: alerter.silences, audit });
  });
}
