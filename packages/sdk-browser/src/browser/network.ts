import type { Client } from '../core/client.js';

export interface NetworkOptions {
  /** Requests to URLs starting with one of these are never reported (ingest itself). */
  ignoreUrls?: string[];
  /** Which answers are errors. @default status >= 500 */
  isFailure?: (status: number) => boolean;
  /** @default 'network' */
  component?: string;
}

interface NetworkFailure {
  transport: 'fetch' | 'xhr';
  method: string;
  url: string;
  startedAt: number;
  status?: number;
  /** 'error' when no answer came, 'timeout' when the request timed out. */
  failure?: 'error' | 'timeout';
  cause?: unknown;
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url, location.href);
    return parsed.origin === location.origin ? parsed.pathname : `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url.split('?')[0] ?? url;
  }
}

/**
 * The message names the method and path (no query) so one failing endpoint forms one group;
 * "timeout" is in a timed-out request's message because the categorizer looks for it there.
 */
export function networkMessage(failure: NetworkFailure): string {
  const target = `${failure.method} ${pathOf(failure.url)}`;
  if (failure.failure === 'timeout') return `Network request timeout: ${target}`;
  if (failure.failure === 'error') return `Network request failed: ${target}`;
  return `HTTP ${failure.status} on ${target}`;
}

function report(client: Client, options: NetworkOptions, failure: NetworkFailure): void {
  const error =
    failure.cause instanceof Error && failure.failure !== undefined
      ? failure.cause
      : Object.assign(new Error(networkMessage(failure)), {
          name: failure.failure ? 'NetworkError' : 'HttpError',
        });
  client.captureException(error, {
    source: 'network',
    message: networkMessage(failure),
    component: options.component ?? 'network',
    action: `${failure.method} ${pathOf(failure.url)}`,
    request: { url: new URL(failure.url, location.href).href, method: failure.method },
    responseTimeMs: Math.round(performance.now() - failure.startedAt),
    tags: { transport: failure.transport, ...(failure.status ? { status: String(failure.status) } : {}) },
    mechanism: { type: failure.transport, handled: true },
  });
}

/**
 * Reports fetch and XMLHttpRequest failures (no answer, timeouts) and server errors (5xx).
 * Aborts by the app are not errors. Returns a function that restores both.
 */
export function instrumentNetwork(
  client: Client,
  options: NetworkOptions = {},
  target: Window & typeof globalThis = window,
): () => void {
  const ignored = (url: string) => (options.ignoreUrls ?? []).some((prefix) => url.startsWith(prefix));
  const isFailure = options.isFailure ?? ((status: number) => status >= 500);
  const restoreFetch = instrumentFetch(target, ignored, isFailure, (f) => report(client, options, f));
  const restoreXhr = instrumentXhr(target, ignored, isFailure, (f) => report(client, options, f));
  return () => {
    restoreFetch();
    restoreXhr();
  };
}

function instrumentFetch(
  target: Window & typeof globalThis,
  ignored: (url: string) => boolean,
  isFailure: (status: number) => boolean,
  onFailure: (failure: NetworkFailure) => void,
): () => void {
  const original = target.fetch;
  if (typeof original !== 'function') return () => undefined;
  target.fetch = async function faultlineFetch(
    input: RequestInfo | URL,
    init?: RequestInit,
  ): Promise<Response> {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const startedAt = performance.now();
    const watched = !ignored(new URL(url, location.href).href);
    try {
      const response = await original.call(target, input, init);
      if (watched && isFailure(response.status))
        onFailure({ transport: 'fetch', method, url, startedAt, status: response.status });
      return response;
    } catch (error) {
      const name = (error as Error | undefined)?.name;
      if (watched && name !== 'AbortError')
        onFailure({
          transport: 'fetch',
          method,
          url,
          startedAt,
          failure: name === 'TimeoutError' ? 'timeout' : 'error',
          cause: error,
        });
      throw error;
    }
  };
  return () => {
    target.fetch = original;
  };
}

const REQUEST = Symbol('faultline.xhr');

function instrumentXhr(
  target: Window & typeof globalThis,
  ignored: (url: string) => boolean,
  isFailure: (status: number) => boolean,
  onFailure: (failure: NetworkFailure) => void,
): () => void {
  const proto = target.XMLHttpRequest?.prototype;
  if (!proto) return () => undefined;
  const { open, send } = proto;
  type Tracked = XMLHttpRequest & { [REQUEST]?: { method: string; url: string } };
  proto.open = function faultlineOpen(this: Tracked, method: string, url: string | URL, ...rest: unknown[]) {
    this[REQUEST] = { method: method.toUpperCase(), url: String(url) };
    return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof proto.open;
  proto.send = function faultlineSend(this: Tracked, body?: Document | XMLHttpRequestBodyInit | null) {
    const request = this[REQUEST];
    if (request && !ignored(new URL(request.url, location.href).href)) {
      const startedAt = performance.now();
      let failure: NetworkFailure['failure'];
      let aborted = false;
      this.addEventListener('error', () => {
        failure = 'error';
      });
      this.addEventListener('timeout', () => {
        failure = 'timeout';
      });
      this.addEventListener('abort', () => {
        aborted = true;
      });
      this.addEventListener('loadend', () => {
        if (aborted) return;
        if (failure) onFailure({ transport: 'xhr', ...request, startedAt, failure });
        else if (isFailure(this.status))
          onFailure({ transport: 'xhr', ...request, startedAt, status: this.status });
      });
    }
    return send.call(this, body);
  };
  return () => {
    proto.open = open;
    proto.send = send;
  };
}
