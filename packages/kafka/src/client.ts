import { Kafka, type KafkaConfig, type LogEntry, logLevel, type RetryOptions } from 'kafkajs';
import type { Logger } from 'pino';

export interface CreateKafkaOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** @default 3000 */
  connectionTimeout?: number;
  /** @default 30000 */
  requestTimeout?: number;
  /** Applies to admin and consumer operations; the batching producer sets its own. @default { initialRetryTime: 100, maxRetryTime: 10000, retries: 8 } */
  retry?: RetryOptions;
}

/** Fails fast on a dead broker (short connect timeout) but rides out leader moves (a few retries with backoff). */
export function createKafka(options: CreateKafkaOptions): Kafka {
  const config: KafkaConfig = {
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: options.connectionTimeout ?? 3000,
    requestTimeout: options.requestTimeout ?? 30_000,
    retry: options.retry ?? { initialRetryTime: 100, maxRetryTime: 10_000, retries: 8 },
    logLevel: kafkajsLevelFor(options.logger.level),
    logCreator: pinoLogCreator(options.logger),
  };
  return new Kafka(config);
}

/** kafkajs filters by its own level before calling the log creator, so mirror pino's level to skip work. */
export function kafkajsLevelFor(pinoLevel: string): logLevel {
  switch (pinoLevel) {
    case 'trace':
    case 'debug':
      return logLevel.DEBUG;
    case 'info':
      return logLevel.INFO;
    case 'warn':
      return logLevel.WARN;
    case 'silent':
      return logLevel.NOTHING;
    default:
      return logLevel.ERROR;
  }
}

export function pinoLogCreator(logger: Logger) {
  const base = logger.child({ lib: 'kafkajs' });
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _timestamp, logger: _logger, ...fields } = log;
      const entry = { namespace, ...fields };
      if (level === logLevel.ERROR) base.error(entry, message);
      else if (level === logLevel.WARN) base.warn(entry, message);
      else if (level === logLevel.INFO) base.info(entry, message);
      else base.debug(entry, message);
    };
}
