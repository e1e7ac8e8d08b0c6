import closeWithGrace from 'close-with-grace';
import type { Logger } from 'pino';

/**
 * Runs `close` once on SIGTERM, SIGINT or an uncaught error, then exits. A second signal,
 * or `delayMs` without finishing, exits at once: a stuck close must not keep a pod alive.
 */
export function onShutdown(
  logger: Logger,
  close: () => Promise<void>,
  options: { delayMs?: number } = {},
): void {
  closeWithGrace({ delay: options.delayMs ?? 10_000 }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after an uncaught error');
    else logger.info({ signal }, 'shutting down');
    await close();
    logger.info('stopped');
  });
}
