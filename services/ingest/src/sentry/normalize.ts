import {
  type ErrorEvent,
  type ErrorLevel,
  type ErrorSource,
  type ExceptionValue,
  SCHEMA_VERSION,
  SOURCES,
  type StackFrame,
} from '@faultline/contracts';
import { newEventId } from '../intake/event-id.js';
import { boundJson, clip, compact, isRecord, nonNegativeInt } from './bounded.js';

const MAX_FRAMES = 250;
const MAX_EXCEPTIONS = 16;
const MAX_TAGS = 64;
const MAX_EXTRA_KEYS = 128;
const EXTRA_LIMITS = { depth: 8, maxString: 4096, maxEntries: 100 };

const LEVELS: Record<string, ErrorLevel> = {
  fatal: 'fatal',
  critical: 'fatal',
  error: 'error',
  warning: 'warning',
  warn: 'warning',
  info: 'info',
  log: 'info',
  debug: 'debug',
};

/** Context fields worth keeping from `contexts`: what grouping and triage read, not the whole device dump. */
const CONTEXT_FIELDS: Record<string, readonly string[]> = {
  os: ['name', 'version'],
  runtime: ['name', 'version'],
  browser: ['name', 'version'],
  device: ['family', 'model', 'arch'],
  app: ['app_name', 'app_version'],
  trace: ['trace_id', 'span_id'],
  culture: ['locale', 'timezone'],
};

export interface NormalizeContext {
  projectId: string;
  receivedAtMs: number;
  /** The envelope header's event_id, used when the event itself carries none. */
  fallbackEventId?: string;
}

/**
 * A Sentry event payload as an ErrorEvent. Missing required fields get defaults (level
 * `error`, message from the exception), so any event a Sentry SDK sends is accepted.
 * https://develop.sentry.dev/sdk/data-model/event-payloads/
 */
export function normalizeSentryEvent(
  payload: Record<string, unknown>,
  context: NormalizeContext,
): ErrorEvent {
  const exception = exceptionChain(payload.exception);
  const tags = tagsOf(payload.tags);
  const request = requestOf(payload.request);
  const sdk = isRecord(payload.sdk) ? payload.sdk : undefined;
  const event = compact({
    schemaVersion: SCHEMA_VERSION,
    eventId: eventIdOf(payload.event_id) ?? eventIdOf(context.fallbackEventId) ?? newEventId(),
    projectId: context.projectId,
    timestamp: timestampOf(payload.timestamp) ?? new Date(context.receivedAtMs).toISOString(),
    level: levelOf(payload.level),
    message: clip(messageOf(payload, exception), 16384) ?? '',
    exception,
    component: tags?.component || undefined,
    action: tags?.action,
    source: sourceOf(tags),
    environment: clip(payload.environment, 64),
    release: clip(payload.release, 200),
    userId: isRecord(payload.user) ? clip(payload.user.id ?? payload.user.username, 256) : undefined,
    request,
    tags,
    extra: extraOf(payload),
    fingerprint: fingerprintOf(payload.fingerprint),
    sdk:
      sdk && typeof sdk.name === 'string'
        ? { name: clip(sdk.name, 128) ?? '', version: clip(sdk.version, 64) ?? '' }
        : undefined,
  });
  return event as ErrorEvent;
}

/** Only strings: `String()` of an object with a bogus `toString` throws, and `constructor` is no level. */
function levelOf(value: unknown): ErrorLevel {
  const name = typeof value === 'string' ? value.toLowerCase() : '';
  return (Object.hasOwn(LEVELS, name) ? LEVELS[name] : undefined) ?? 'error';
}

function eventIdOf(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value)
    ? value.replaceAll('-', '') || undefined
    : undefined;
}

/** Sentry sends seconds since the epoch (a float) or an RFC 3339 string. */
function timestampOf(value: unknown): string | undefined {
  const ms =
    typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : undefined;
}

function messageOf(payload: Record<string, unknown>, exception: ExceptionValue[] | undefined): string {
  for (const candidate of [payload.logentry, payload.message]) {
    if (typeof candidate === 'string' && candidate !== '') return candidate;
    if (isRecord(candidate)) {
      const text = candidate.formatted ?? candidate.message;
      if (typeof text === 'string' && text !== '') return text;
    }
  }
  const caught = exception?.at(-1);
  if (!caught) return '';
  return caught.value ? `${caught.type}: ${caught.value}` : caught.type;
}

/** `exception` is `{ values: [...] }`, or a bare array in old SDKs; root cause first, as in ours. */
function exceptionChain(value: unknown): ExceptionValue[] | undefined {
  const values = Array.isArray(value)
    ? value
    : isRecord(value) && Array.isArray(value.values)
      ? value.values
      : [];
  const chain = values.filter(isRecord).slice(-MAX_EXCEPTIONS).map(exceptionOf);
  return chain.length > 0 ? chain : undefined;
}

function exceptionOf(value: Record<string, unknown>): ExceptionValue {
  const stacktrace = isRecord(value.stacktrace) ? value.stacktrace : undefined;
  // Keep the frames nearest the throw: they matter most for grouping and reading.
  const frames = Array.isArray(stacktrace?.frames)
    ? stacktrace.frames.filter(isRecord).slice(-MAX_FRAMES).map(frameOf)
    : [];
  const mechanism = isRecord(value.mechanism) ? value.mechanism : undefined;
  return compact({
    type: clip(value.type, 256) || 'Error',
    value: clip(value.value, 8192) ?? '',
    module: clip(value.module, 512),
    frames: frames.length > 0 ? frames : undefined,
    mechanism:
      mechanism && typeof mechanism.type === 'string'
        ? compact({
            type: clip(mechanism.type, 128) ?? '',
            handled: typeof mechanism.handled === 'boolean' ? mechanism.handled : undefined,
          })
        : undefined,
  });
}

function frameOf(frame: Record<string, unknown>): StackFrame {
  return compact({
    filename: clip(frame.filename, 1024),
    module: clip(frame.module, 512),
    function: clip(frame.function, 512),
    lineno: nonNegativeInt(frame.lineno),
    colno: nonNegativeInt(frame.colno),
    absPath: clip(frame.abs_path, 2048),
    inApp: typeof frame.in_app === 'boolean' ? frame.in_app : undefined,
    contextLine: clip(frame.context_line, 1024),
  });
}

/** Tags come as an object or as `[key, value]` pairs. */
function tagsOf(value: unknown): Record<string, string> | undefined {
  const pairs = Array.isArray(value)
    ? value
        .filter((pair): pair is unknown[] => Array.isArray(pair) && pair.length === 2)
        .map(([k, v]) => [k, v] as const)
    : isRecord(value)
      ? Object.entries(value)
      : [];
  const tags: Record<string, string> = {};
  for (const [key, tagValue] of pairs.slice(0, MAX_TAGS)) {
    const k = clip(key, 64);
    const v = clip(tagValue, 256);
    if (k && v !== undefined) tags[k] = v;
  }
  return Object.keys(tags).length > 0 ? tags : undefined;
}

/** Sentry has no notion of our collection points; an SDK may name one with a `source` tag. */
function sourceOf(tags: Record<string, string> | undefined): ErrorSource {
  const tagged = tags?.source;
  return (SOURCES as readonly string[]).includes(tagged ?? '') ? (tagged as ErrorSource) : 'other';
}

function requestOf(value: unknown): ErrorEvent['request'] {
  if (!isRecord(value)) return undefined;
  const request = compact({
    url: clip(value.url, 4096),
    method: clip(value.method, 16),
    // Only the user agent: every other header (Authorization, Cookie, ...) stays out of the event.
    userAgent: clip(headerOf(value.headers, 'user-agent'), 1024),
  });
  return Object.keys(request).length > 0 ? request : undefined;
}

function headerOf(headers: unknown, name: string): unknown {
  const entries = Array.isArray(headers)
    ? headers.filter(Array.isArray)
    : isRecord(headers)
      ? Object.entries(headers)
      : [];
  return entries.find(([key]) => typeof key === 'string' && key.toLowerCase() === name)?.[1];
}

function extraOf(payload: Record<string, unknown>): Record<string, unknown> | undefined {
  const extra: Record<string, unknown> = {};
  if (isRecord(payload.extra)) Object.assign(extra, boundJson(payload.extra, EXTRA_LIMITS));
  const contexts = contextsOf(payload.contexts);
  if (contexts) extra.contexts = contexts;
  for (const [from, to] of [
    ['platform', 'platform'],
    ['server_name', 'serverName'],
    ['dist', 'dist'],
    ['logger', 'logger'],
  ] as const) {
    const text = clip(payload[from], 256);
    if (text !== undefined) extra[to] = text;
  }
  const keys = Object.keys(extra).slice(0, MAX_EXTRA_KEYS);
  return keys.length > 0 ? Object.fromEntries(keys.map((k) => [k, extra[k]])) : undefined;
}

function contextsOf(value: unknown): Record<string, Record<string, string>> | undefined {
  if (!isRecord(value)) return undefined;
  const kept: Record<string, Record<string, string>> = {};
  for (const [name, fields] of Object.entries(CONTEXT_FIELDS)) {
    const context = value[name];
    if (!isRecord(context)) continue;
    const picked = compact(Object.fromEntries(fields.map((f) => [f, clip(context[f], 256)])));
    if (Object.keys(picked).length > 0) kept[name] = picked as Record<string, string>;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** `{{ default }}` means "group as usual", which is what omitting the fingerprint says. */
function fingerprintOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const parts = value
    .map((part) => clip(part, 256))
    .filter((part): part is string => part !== undefined && part !== '' && !/^\{\{.*\}\}$/.test(part.trim()));
  return parts.length > 0 ? parts.slice(0, 16) : undefined;
}
