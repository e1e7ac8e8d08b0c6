import type { ErrorEvent } from '@faultline/contracts';
import { type ScrubOptions, scrubValue } from './scrub-value.js';

/** Identifiers and enums: never personal data, and rewriting them would break the contract. */
const STRUCTURAL_FIELDS = new Set([
  'schemaVersion',
  'eventId',
  'projectId',
  'timestamp',
  'receivedAt',
  'clockSkewMs',
  'level',
  'source',
  'sdk',
]);

/**
 * Scrubs everything an event carries except its identifiers: message, exception values and
 * frames, tags, extra, request, user and any nested field. Scrubbing a scrubbed event changes
 * nothing, so ingest and the categorizer may both apply it.
 */
export function scrubEvent(event: ErrorEvent, options: ScrubOptions): ErrorEvent {
  const scrubbed = scrubValue(event, options) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event))
    Object.defineProperty(out, key, {
      value: STRUCTURAL_FIELDS.has(key) ? value : scrubbed[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out as ErrorEvent;
}
