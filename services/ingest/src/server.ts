import { createLogger, onShutdown } from '@faultline/observability';
import { buildIngestApp } from './build-app.js';
import { loadIngestConfig } from './config.js';

const config = loadIngestConfig();
const logger = createLogger({ service: 'ingest', level: config.log.level });
const app = await buildIngestApp(config, logger);
onShutdown(logger, () => app.close());
await app.listen({ host: config.http.host, port: config.http.port });
