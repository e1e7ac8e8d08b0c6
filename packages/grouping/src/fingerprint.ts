import { createHash } from 'node:crypto';
import type { ErrorEvent, FINGERPRINT_METHODS } from '@faultline/contracts';
import { isInApp } from './in-app.js';
import { normalizeFrame } from './normalize-frame.js';
import { normalizeMessage } from './normalize-message.js';

export type FingerprintMethod = (typeof FINGERPRINT_METHODS)[number];

export interface Fingerprint {
  method: FingerprintMethod;
  parts: string[];
  groupId: string;
}

// Bounds of CategorizedEvent.fingerprint; the exception chain's root cause comes first, so it is kept.
const MAX_PARTS = 300;
const MAX_PART_LENGTH = 1024;
const GROUP_ID_LENGTH = 32;
/** Sentry's placeholder for "the grouping you would have done", extended by the client's values. */
const DEFAULT_PLACEHOLDER = '{{ default }}';

/**
 * Chooses what an event groups by: the client's fingerprint; else the exception types and
 * their in-app frames; else the exception types and the normalized message.
 */
export function fingerprintOf(event: ErrorEvent): Fingerprint {
  if (event.fingerprint) {
    const parts = event.fingerprint.flatMap((part) =>
      part.trim() === DEFAULT_PLACEHOLDER ? computedFingerprint(event).parts : [part],
    );
    return withGroupId('client', parts);
  }
  return computedFingerprint(event);
}

function computedFingerprint(event: ErrorEvent): Fingerprint {
  const exceptions = event.exception ?? [];
  const types = exceptions.map((exception) => `exception:${exception.type}`);
  const framesPerException = exceptions.map((exception) => inAppFrames(exception.frames ?? []));
  if (framesPerException.some((frames) => frames.length > 0)) {
    return withGroupId(
      'exception',
      exceptions.flatMap((_, i) => [
        types[i] as string,
        ...(framesPerException[i] ?? []).map((f) => `frame:${f}`),
      ]),
    );
  }
  return withGroupId('message', [...types, `message:${normalizeMessage(event.message)}`]);
}

/** Normalized in-app frames, a run of identical frames (recursion) counted once: depth varies per call. */
function inAppFrames(frames: NonNullable<NonNullable<ErrorEvent['exception']>[number]['frames']>): string[] {
  const normalized: string[] = [];
  for (const frame of frames) {
    if (!isInApp(frame)) continue;
    const identity = normalizeFrame(frame);
    if (normalized[normalized.length - 1] !== identity) normalized.push(identity);
  }
  return normalized;
}

function withGroupId(method: FingerprintMethod, allParts: string[]): Fingerprint {
  const parts = allParts.slice(0, MAX_PARTS).map((part) => part.slice(0, MAX_PART_LENGTH));
  const hash = createHash('sha256').update(method);
  for (const part of parts) hash.update('\0').update(part);
  return { method, parts, groupId: hash.digest('hex').slice(0, GROUP_ID_LENGTH) };
}
