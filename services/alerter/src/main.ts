import { createLogger, createMetricsRegistry, onShutdown } from '@faultline/observability';
import { startAlerter } from './alerter.js';
import { loadAlerterConfig } from './config.js';
import { buildAlerterApp } from './http/build-app.js';
import { createAlerterMetrics } from './metrics.js';

const config = loadAlerterConfig();
const logger = createLogger({ service: 'alerter', level: config.log.level });
const registry = createMetricsRegistry('alerter');
const metrics = createAlerterMetrics(registry);

const alerter = await startAlerter(config, { logger, metrics });
// A consumer that gave up (crash, too many invalid messages) takes the process down through the graceful close.
alerter.done.catch((error: unknown) => {
  setImmediate(() => {
    throw error;
  });
});

const app = await buildAlerterApp({ config, alerter, registry, logger });
onShutdown(logger, async () => {
  await app.close();
  await alerter.stop();
});
await app.listen({ host: config.http.host, port: config.http.port });
logger.info({ groupId: config.consumer.groupId, api: config.api.token !== '' }, 'alerter started');
