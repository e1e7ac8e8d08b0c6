import { createHash } from 'node:crypto';

/**
 * Event ids derive from what happened (alert, type, stage, command, attempt), so an event
 * re-emitted after a crash carries the same id and consumers dedupe it.
 */
export function eventIdFor(alertId: string, ...parts: (string | number)[]): string {
  return createHash('sha256')
    .update(JSON.stringify([alertId, ...parts]))
    .digest('hex')
    .slice(0, 32);
}
