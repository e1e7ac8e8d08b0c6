/**
 * The CLI's one HTTP client: a service's base URL and bearer token, JSON in and out, a timeout on
 * every request, and every failure as a CliError (the service's own code, FL_CLI_UNREACHABLE,
 * FL_CLI_TIMEOUT or FL_CLI_BAD_ANSWER).
 */
import { CliError } from '../cli-error.js';
import { errorFromAnswer, parseJson } from './error-envelope.js';

/** Applies when neither the client nor the request sets one. */
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface HttpClientOptions {
  /** Named in error messages ("the alerter at http://... is not reachable"). */
  service: string;
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** @default DEFAULT_TIMEOUT_MS */
  timeoutMs?: number;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Overrides the client's timeout for this request (a slow analytics query). */
  timeoutMs?: number;
  /** `text` for endpoints that answer plain text (a Slack webhook answers "ok"). @default 'json' */
  answer?: 'json' | 'text';
}

export interface HttpClient {
  readonly service: string;
  readonly baseUrl: string;
  /** `path` is resolved against the base URL; an absolute URL is used as it is. */
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, query?: RequestOptions['query']): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  delete<T>(path: string): Promise<T>;
}

export function httpClient({
  service,
  baseUrl,
  token,
  timeoutMs = DEFAULT_TIMEOUT_MS,
}: HttpClientOptions): HttpClient {
  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const { method = 'GET', query, body, answer = 'json' } = options;
    const url = new URL(path, baseUrl);
    for (const [name, value] of Object.entries(query ?? {}))
      if (value !== undefined) url.searchParams.set(name, String(value));
    const limitMs = options.timeoutMs ?? timeoutMs;
    let status: number;
    let statusText: string;
    let text: string;
    try {
      const response = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(limitMs),
      });
      ({ status, statusText } = response);
      text = await response.text();
    } catch (error) {
      throw failedRequest(service, url, limitMs, error);
    }
    if (status < 200 || status > 299) throw errorFromAnswer(status, statusText, text);
    if (answer === 'text' || text === '') return (answer === 'text' ? text : undefined) as T;
    const parsed = parseJson(text);
    if (parsed === undefined)
      throw new CliError('FL_CLI_BAD_ANSWER', `${service} at ${url.origin} answered ${status} without JSON`, {
        status,
      });
    return parsed as T;
  }
  return {
    service,
    baseUrl,
    request,
    get: (path, query) => request(path, { query }),
    post: (path, body) => request(path, { method: 'POST', body }),
    delete: (path) => request(path, { method: 'DELETE' }),
  };
}

/** fetch says only "fetch failed"; its cause says why (ECONNREFUSED, ENOTFOUND, ...). */
function failedRequest(service: string, url: URL, limitMs: number, error: unknown): CliError {
  const where = `${service} at ${url.origin}`;
  if (error instanceof Error && error.name === 'TimeoutError')
    return new CliError('FL_CLI_TIMEOUT', `${where} did not answer ${url.pathname} within ${limitMs} ms`, {
      cause: error,
    });
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const why = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new CliError('FL_CLI_UNREACHABLE', `${where} is not reachable (${why}); is it running?`, {
    cause: error,
  });
}
