import { type Client, getCurrentClient } from '@faultline/browser/core';

export interface RateLimitDetails {
  /** What the limit is counted by (an IP, a user, an API key); kept as a tag, not in the message. */
  key?: string;
  limit?: number;
  windowMs?: number;
  method?: string;
  /** The route or operation limited. */
  route?: string;
  userId?: string;
}

export interface RateLimitOptions {
  /** @default the client `init` made */
  client?: Client;
  /** Rate-limit hits are security signals in the runbook. @default 'security' */
  component?: string;
}

/**
 * The message matches the runbook's `rate.*limit.*exceeded` and names the route only, so all
 * hits on one route form one group whoever the caller is.
 */
export function rateLimitMessage(details: RateLimitDetails): string {
  const where = details.route ? ` on ${[details.method, details.route].filter(Boolean).join(' ')}` : '';
  const limit =
    details.limit !== undefined && details.windowMs !== undefined
      ? ` (${details.limit} per ${details.windowMs} ms)`
      : '';
  return `Rate limit exceeded${where}${limit}`;
}

/** A function to call from any rate limiter when it refuses a request. */
export function rateLimitHook(
  options: RateLimitOptions = {},
): (details: RateLimitDetails) => string | undefined {
  return (details) => {
    const client = options.client ?? getCurrentClient();
    return client?.captureMessage(rateLimitMessage(details), {
      source: 'rate-limiter',
      level: 'warning',
      component: options.component ?? 'security',
      action: details.route ? `${details.method ?? ''} ${details.route}`.trim() : undefined,
      userId: details.userId,
      tags: {
        ...(details.key ? { 'ratelimit.key': details.key } : {}),
        ...(details.limit !== undefined ? { 'ratelimit.limit': String(details.limit) } : {}),
      },
    });
  };
}

interface LimiterRequest {
  method: string;
  path: string;
  baseUrl?: string;
  ip?: string;
}
interface LimiterResponse {
  status(code: number): { send(body: unknown): unknown };
}
interface LimiterOptionsUsed {
  statusCode: number;
  message: unknown;
  limit: number | ((...args: never[]) => unknown);
  windowMs: number;
  keyGenerator?: unknown;
}

/**
 * express-rate-limit's `handler` option: reports the hit, then answers as the default
 * handler does (its status code and message).
 */
export function expressRateLimitHandler(options: RateLimitOptions = {}) {
  const report = rateLimitHook(options);
  return (request: LimiterRequest, response: LimiterResponse, _next: unknown, used: LimiterOptionsUsed) => {
    report({
      key: request.ip,
      limit: typeof used.limit === 'number' ? used.limit : undefined,
      windowMs: used.windowMs,
      method: request.method,
      route: `${request.baseUrl ?? ''}${request.path}`,
    });
    response.status(used.statusCode).send(used.message);
  };
}
