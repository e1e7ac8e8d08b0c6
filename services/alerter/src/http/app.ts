import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { topicNames } from '@faultline/contracts';
import { errorHandler } from '@faultline/errors';
import { type HealthRoutesOptions, healthRoutes, rateLimit } from '@faultline/runtime';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Alerter } from '../alerter.js';
import type { AlerterConfig } from '../config.js';
import { AlerterError } from '../errors.js';
import alertRoutes from './alert-routes.js';
import { bearerAuth } from './auth.js';
import silenceRoutes from './silence-routes.js';

export interface AlerterAppOptions {
  config: Pick<AlerterConfig, 'api' | 'kafka'>;
  alerter: Pick<Alerter, 'store' | 'silences' | 'producer' | 'redis' | 'admin'>;
  registry: Registry;
  /** The consumers' liveness for /healthz (`service.liveness`). */
  liveness?: HealthRoutesOptions['liveness'];
}

/** Health and metrics for everyone; /api/v1 behind the bearer token (absent when no token is configured). */
export default async function alerterApp(
  app: FastifyInstance,
  { config, alerter, registry, liveness }: AlerterAppOptions,
): Promise<void> {
  await app.register(errorHandler, { prefix: 'FL_ALERTER' });
  await app.register(healthRoutes, {
    registry,
    liveness,
    checks: [
      { name: 'redis', check: () => alerter.redis.ping() },
      { name: 'kafka', check: () => alerter.admin.describeCluster() },
    ],
  });
  if (config.api.token === '') return;
  await app.register(async (api) => {
    await api.register(rateLimit, {
      ...config.api.rateLimit,
      refuse: (retryAfterSeconds) =>
        new AlerterError('FL_ALERTER_RATE_LIMITED', 'too many requests: slow down', { retryAfterSeconds }),
    });
    const typed = api.withTypeProvider<TypeBoxTypeProvider>();
    typed.addHook('onRequest', bearerAuth(config.api.token));
    await typed.register(alertRoutes, {
      store: alerter.store,
      producer: alerter.producer,
      commandsTopic: topicNames(config.kafka.topicPrefix).alertCommands,
    });
    await typed.register(silenceRoutes, { silences: alerter.silences });
  });
}
