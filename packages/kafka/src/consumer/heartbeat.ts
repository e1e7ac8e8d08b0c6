import type { Logger } from 'pino';

/**
 * Keeps group membership alive while one long step (a handler round trip) runs. kafkajs
 * throttles `heartbeat()` to `heartbeatInterval` itself; a failed heartbeat (rebalance) is
 * only logged: the commit that follows will fail and the chunk is redelivered.
 */
export async function withHeartbeat<T>(
  work: Promise<T>,
  heartbeat: () => Promise<void>,
  everyMs: number,
  logger: Logger,
): Promise<T> {
  const beat = setInterval(() => {
    heartbeat().catch((error: unknown) => logger.warn({ err: error }, 'heartbeat during a long step failed'));
  }, everyMs);
  try {
    return await work;
  } finally {
    clearInterval(beat);
  }
}
