import type { Client } from '@faultline/browser/core';

export interface ProcessHandlerOptions {
  /**
   * Exit with code 1 after reporting an uncaught exception, as Node does without a handler:
   * the process state is unknown after one. @default true
   */
  exitOnUncaughtException?: boolean;
  /** How long to wait for delivery before exiting. @default 2000 */
  flushTimeoutMs?: number;
  /** For tests: what exiting means. @default process.exit */
  exit?: (code: number) => void;
}

/**
 * uncaughtException (fatal, then flush and exit), unhandledRejection (reported; the process
 * goes on) and beforeExit (flush what is queued, since the queue's timers do not hold the
 * process open). Returns a function that removes all three.
 */
export function installProcessHandlers(client: Client, options: ProcessHandlerOptions = {}): () => void {
  const {
    exitOnUncaughtException = true,
    flushTimeoutMs = 2000,
    exit = (code) => process.exit(code),
  } = options;
  const onUncaught = (error: Error, origin: string) => {
    client.captureException(error, {
      source: 'global-handler',
      level: 'fatal',
      mechanism: { type: origin, handled: false },
    });
    void client.flush(flushTimeoutMs).finally(() => {
      if (exitOnUncaughtException) exit(1);
    });
  };
  const onRejection = (reason: unknown) => {
    client.captureException(reason, {
      source: 'unhandled-rejection',
      mechanism: { type: 'unhandledRejection', handled: false },
    });
  };
  const onBeforeExit = () => {
    if (client.queued > 0) void client.flush(flushTimeoutMs);
  };
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onRejection);
  process.on('beforeExit', onBeforeExit);
  return () => {
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onRejection);
    process.off('beforeExit', onBeforeExit);
  };
}
