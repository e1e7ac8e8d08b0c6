import { type ErrorEvent, errorEventCodec, findTooDeep, SCHEMA_VERSION } from '@faultline/contracts';
import { type ScrubOptions, scrubEvent } from '@faultline/scrub';
import { IngestError } from '../errors.js';
import { applyClockSkew, type ClockSkewPolicy } from './clock-skew.js';
import { newEventId } from './event-id.js';

export interface FinishContext {
  projectId: string;
  /** Ingest's clock when the request arrived. */
  receivedAtMs: number;
  maxDepth: number;
  clockSkew: ClockSkewPolicy;
  scrub: ScrubOptions;
  /** Position in the request's batch, for error messages. */
  index?: number;
}

/**
 * Turns one submitted value into the event that goes to errors.raw: ingest's own fields set
 * (schemaVersion, eventId when absent, projectId, receivedAt by ingest's clock), skew recorded,
 * secrets scrubbed, then checked against the contract. Throws a 400/403 naming the field.
 */
export function finishEvent(value: unknown, context: FinishContext): ErrorEvent {
  const { index } = context;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new IngestError('FL_INGEST_INVALID_EVENT', 'ErrorEvent: / must be an object', {
      details: { field: '/', index },
    });
  }
  const tooDeep = findTooDeep(value, context.maxDepth);
  if (tooDeep !== undefined) {
    throw new IngestError(
      'FL_INGEST_TOO_DEEP',
      `ErrorEvent: ${tooDeep} is nested deeper than ${context.maxDepth} levels`,
      { details: { field: tooDeep, index } },
    );
  }
  const submitted = value as Record<string, unknown>;
  if (submitted.projectId !== undefined && submitted.projectId !== context.projectId) {
    throw new IngestError(
      'FL_INGEST_AUTH_MISMATCH',
      `projectId ${JSON.stringify(submitted.projectId)} does not match the key's project`,
      { details: { field: '/projectId', index } },
    );
  }
  const filled: Record<string, unknown> = {
    ...submitted,
    schemaVersion: submitted.schemaVersion ?? SCHEMA_VERSION,
    eventId: submitted.eventId ?? newEventId(),
    projectId: context.projectId,
    // Receipt time is ingest's to state: a client cannot know when its request arrived.
    receivedAt: new Date(context.receivedAtMs).toISOString(),
  };
  return finalizeEvent(filled, context);
}

/** The steps every event takes last, whatever protocol brought it: skew, scrub, contract check. */
export function finalizeEvent(event: Record<string, unknown>, context: FinishContext): ErrorEvent {
  const timed =
    typeof event.timestamp === 'string'
      ? { ...event, ...applyClockSkew(event.timestamp, context.receivedAtMs, context.clockSkew) }
      : event;
  return checkEvent(scrubEvent(timed as ErrorEvent, context.scrub), context.index);
}

export function checkEvent(value: unknown, index?: number): ErrorEvent {
  const result = errorEventCodec.check(value);
  if (result.ok) return result.value;
  throw new IngestError('FL_INGEST_INVALID_EVENT', result.reason, {
    details: { field: fieldOf(result.reason), index },
  });
}

/** The codec's reason reads `ErrorEvent: /path message; ...`: its first path names the field. */
function fieldOf(reason: string): string | undefined {
  return /^ErrorEvent: (\/\S*)/.exec(reason)?.[1];
}
