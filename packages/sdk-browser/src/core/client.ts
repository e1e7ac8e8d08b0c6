import { BatchQueue, DEFAULT_QUEUE_OPTIONS, type QueueOptions } from './batch-queue.js';
import { exceptionChain, messageOf } from './exception.js';
import { LIMITS, truncate } from './limits.js';
import { SENSITIVE_KEYS, scrubUrl, scrubValue } from './scrub.js';
import type { Transport } from './transport.js';
import type { CaptureContext, FaultlineEvent } from './types.js';

export interface ClientOptions {
  /** The project key ingest gave when the project was created. */
  key: string;
  /** Where ingest listens, e.g. `https://errors.example.com`. */
  endpoint: string;
  release?: string;
  environment?: string;
  /** Share of events sent, 0 to 1. @default 1 */
  sampleRate?: number;
  /** Component for events whose collection point names none. */
  component?: string;
  /** Tags on every event (a collection point's tags win). */
  tags?: Record<string, string>;
  userId?: string;
  sessionId?: string;
  /** Keys whose values are replaced in tags, extra and URL queries. @default SENSITIVE_KEYS */
  scrubKeys?: RegExp;
  /** Last look at each event: return null to drop it. */
  beforeSend?: (event: FaultlineEvent) => FaultlineEvent | null;
  queue?: Partial<QueueOptions>;
  /** For tests: sampling and backoff jitter. @default Math.random */
  random?: () => number;
}

export interface SdkInfo {
  name: string;
  version: string;
}

/** 32 hex digits, the event id shape ingest and Sentry use. */
export function newEventId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let id = '';
  for (const byte of bytes) id += byte.toString(16).padStart(2, '0');
  return id;
}

function boundedTags(tags: Record<string, string>, keys: RegExp): Record<string, string> | undefined {
  const entries = Object.entries(tags).slice(0, LIMITS.tags);
  if (entries.length === 0) return undefined;
  return Object.fromEntries(
    entries.map(([key, value]) => [
      truncate(key, LIMITS.tagKey),
      keys.test(key) ? '[Filtered]' : truncate(String(value), LIMITS.tagValue),
    ]),
  );
}

/**
 * Platform-neutral core of both SDKs: turns what a collection point caught into a contract
 * event (sampled, scrubbed, bounded) and queues it for delivery.
 */
export class Client {
  readonly options: ClientOptions;
  private readonly queue: BatchQueue;
  private readonly reported = new WeakSet<object>();
  private readonly random: () => number;

  constructor(
    options: ClientOptions,
    transport: Transport,
    private readonly sdk: SdkInfo,
    /** Platform facts added to every event (Node adds memory). */
    private readonly enrich?: (event: FaultlineEvent) => void,
  ) {
    this.options = { ...options };
    this.random = options.random ?? Math.random;
    this.queue = new BatchQueue(transport, {
      ...DEFAULT_QUEUE_OPTIONS,
      random: this.random,
      ...options.queue,
    });
  }

  setUser(userId: string | undefined): void {
    this.options.userId = userId;
  }

  /**
   * Reports an error; returns its event id, or undefined when sampled out, dropped by
   * `beforeSend`, or already reported by another collection point (an error rethrown from
   * Express to the process handler is one error, not two).
   */
  captureException(error: unknown, context: CaptureContext = {}): string | undefined {
    if (typeof error === 'object' && error !== null) {
      if (this.reported.has(error)) return undefined;
      this.reported.add(error);
    }
    return this.capture(
      context.message ?? messageOf(error),
      { ...context, source: context.source ?? 'other' },
      exceptionChain(error, context.mechanism),
    );
  }

  captureMessage(message: string, context: CaptureContext = {}): string | undefined {
    return this.capture(message, { level: 'info', ...context, source: context.source ?? 'other' });
  }

  /** Sends what is queued; true when it all went out within `timeoutMs`. */
  flush(timeoutMs?: number): Promise<boolean> {
    return this.queue.flush(timeoutMs);
  }

  /** Page unload: everything queued goes out by beacon now. */
  drainFinal(): void {
    this.queue.drainFinal();
  }

  get queued(): number {
    return this.queue.size;
  }

  private capture(
    message: string,
    context: CaptureContext & { source: FaultlineEvent['source'] },
    exception?: FaultlineEvent['exception'],
  ): string | undefined {
    const { sampleRate = 1 } = this.options;
    if (sampleRate < 1 && this.random() >= sampleRate) return undefined;
    const keys = this.options.scrubKeys ?? SENSITIVE_KEYS;
    const event: FaultlineEvent = {
      schemaVersion: 1,
      eventId: newEventId(),
      timestamp: new Date().toISOString(),
      level: context.level ?? 'error',
      message: truncate(message, LIMITS.message),
      source: context.source,
      sdk: this.sdk,
    };
    if (exception && exception.length > 0) event.exception = exception;
    const component = context.component ?? this.options.component;
    if (component) event.component = truncate(component, LIMITS.component);
    if (context.action) event.action = truncate(context.action, LIMITS.action);
    if (this.options.environment) event.environment = this.options.environment;
    if (this.options.release) event.release = this.options.release;
    const userId = context.userId ?? this.options.userId;
    if (userId) event.userId = userId;
    if (this.options.sessionId) event.sessionId = this.options.sessionId;
    if (context.request) {
      const { url, method, userAgent } = context.request;
      event.request = {};
      if (url) event.request.url = truncate(scrubUrl(url, keys), LIMITS.url);
      if (method) event.request.method = method.toUpperCase().slice(0, 16);
      if (userAgent) event.request.userAgent = truncate(userAgent, LIMITS.userAgent);
    }
    if (context.responseTimeMs !== undefined) event.responseTimeMs = Math.max(0, context.responseTimeMs);
    if (context.memoryBytes !== undefined) event.memoryBytes = context.memoryBytes;
    const tags = boundedTags({ ...this.options.tags, ...context.tags }, keys);
    if (tags) event.tags = tags;
    if (context.extra) event.extra = scrubValue(context.extra, keys) as Record<string, unknown>;
    if (context.fingerprint) event.fingerprint = context.fingerprint;
    this.enrich?.(event);
    const final = this.options.beforeSend ? this.options.beforeSend(event) : event;
    if (!final) return undefined;
    this.queue.add(final);
    return final.eventId;
  }
}
