import { startService } from '@faultline/runtime';
import { buildIngestApp } from './build-app.js';
import { loadIngestConfig } from './config.js';

const config = loadIngestConfig();
const service = startService({ name: 'ingest', logLevel: config.log.level });

// The app owns its Kafka producer and Redis client (plugins that close them after the server).
const app = await buildIngestApp(config, service.logger, service.registry);
await service.listen(app, config.http);
service.started({ topicPrefix: config.kafka.topicPrefix });
