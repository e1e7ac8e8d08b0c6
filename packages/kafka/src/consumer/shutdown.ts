import type { Logger } from 'pino';

/** e.g. `() => consumer.stop()`, `() => producer.close()`. */
export type StopStep = () => Promise<void>;

export interface StopOnSignalsOptions {
  logger: Logger;
  /** @default ['SIGTERM', 'SIGINT'] */
  signals?: NodeJS.Signals[];
  /** Exit the process once everything stopped (code 0, or 1 if a stop failed). @default true */
  exit?: boolean;
}

/**
 * Opt-in: on the first signal, runs each stop step in order (consumers before the producers
 * they write through); a second signal exits at once. Returns a function that removes the listeners.
 */
export function stopOnSignals(steps: StopStep[], options: StopOnSignalsOptions): () => void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const exit = options.exit ?? true;
  let stopping = false;

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.logger.warn({ signal }, 'second signal; exiting without a clean stop');
      process.exit(1);
    }
    stopping = true;
    options.logger.info({ signal }, 'stopping');
    void (async () => {
      let code = 0;
      for (const step of steps) {
        try {
          await step();
        } catch (error) {
          code = 1;
          options.logger.error({ err: error }, 'stop failed');
        }
      }
      if (exit) process.exit(code);
    })();
  };

  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
