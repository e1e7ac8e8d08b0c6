import type { Client } from '../core/client.js';

/**
 * window `error` (uncaught exceptions, including cross-origin "Script error.") and
 * `unhandledrejection`. Returns a function that removes both.
 */
export function installGlobalHandlers(client: Client, target: Window = window): () => void {
  const onError = (event: ErrorEvent) => {
    const thrown = event.error ?? event.message;
    client.captureException(thrown, {
      source: 'global-handler',
      mechanism: { type: 'onerror', handled: false },
      ...(event.error
        ? {}
        : { extra: { filename: event.filename, lineno: event.lineno, colno: event.colno } }),
    });
  };
  const onRejection = (event: PromiseRejectionEvent) => {
    client.captureException(event.reason, {
      source: 'unhandled-rejection',
      mechanism: { type: 'onunhandledrejection', handled: false },
    });
  };
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
