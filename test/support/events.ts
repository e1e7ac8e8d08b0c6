import { randomBytes } from 'node:crypto';

/** A native event as an SDK would post it (ingest fills projectId and receivedAt). */
export function errorEvent(message: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventId: `e2e-${randomBytes(8).toString('hex')}`,
    timestamp: new Date().toISOString(),
    level: 'error',
    message,
    source: 'express',
    ...fields,
  };
}
