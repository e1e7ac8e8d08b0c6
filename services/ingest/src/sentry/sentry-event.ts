import type { ErrorEvent } from '@faultline/contracts';
import { IngestError } from '../errors.js';
import { type FinishContext, finalizeEvent } from '../intake/finish-event.js';
import { decodeUtf8, parseJson } from '../intake/text.js';
import { isRecord } from './bounded.js';
import { normalizeSentryEvent } from './normalize.js';

/** One Sentry event payload (store body or envelope `event` item) to the event for errors.raw. */
export function sentryEventFromBytes(
  payload: Buffer,
  context: FinishContext & { fallbackEventId?: string },
): ErrorEvent {
  const parsed = parseJson(decodeUtf8(payload, 'event'), 'event');
  if (!isRecord(parsed))
    throw new IngestError('FL_INGEST_INVALID_EVENT', 'event: must be a JSON object', {
      details: { field: '/' },
    });
  return finalizeEvent(normalizeSentryEvent(parsed, context), context);
}
