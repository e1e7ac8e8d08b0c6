import { type DestinationStream, type Logger, pino } from 'pino';
import { redactRecord, redactSecrets } from './redact.js';

export type { Logger };

/**
 * JSON logs, one line each, with the service name on every line. A password in a URL or a secret
 * query parameter never reaches a line: in fields, in the message and in logged errors.
 */
export function createLogger(options: {
  service: string;
  level?: string;
  /** @default stdout */
  destination?: DestinationStream;
}): Logger {
  const logOptions = {
    level: options.level ?? 'info',
    base: { service: options.service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (record) => redactRecord(record) as Record<string, unknown>,
    },
    serializers: {
      err: (error: unknown) => redactRecord(pino.stdSerializers.err(error as Error), 3),
    },
    hooks: {
      logMethod(args, method) {
        const redacted = args.map((arg) => (typeof arg === 'string' ? redactSecrets(arg) : arg));
        return method.apply(this, redacted as Parameters<typeof method>);
      },
    },
  } satisfies pino.LoggerOptions;
  return options.destination ? pino(logOptions, options.destination) : pino(logOptions);
}
