import { parseRetryAfter } from '../delivery/backoff.js';
import { DeliveryError } from '../delivery/delivery-error.js';

export interface HttpPost {
  url: string;
  headers: Record<string, string>;
  body: string;
}

const MAX_ERROR_BODY = 300;

/**
 * One POST, classified: 2xx is done; 408, 429 and 5xx are worth retrying (429 with its
 * Retry-After); other 4xx mean the request itself is wrong and will not get better.
 * Redirects are not followed: a receiver could otherwise bounce our payload, with its
 * signature and event text, to any address it names (an internal one included).
 */
export async function post(request: HttpPost, signal: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    const reason = signal.aborted
      ? 'timed out'
      : ((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
    throw new DeliveryError(`POST ${redact(request.url)}: ${reason}`, true, undefined, { cause: error });
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return text;
  const status = response.status;
  if (status >= 300 && status < 400)
    throw new DeliveryError(`POST ${redact(request.url)}: ${status} redirect refused`, false);
  const retryable = status === 408 || status === 429 || status >= 500;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
  throw new DeliveryError(
    `POST ${redact(request.url)}: ${status} ${text.slice(0, MAX_ERROR_BODY)}`.trim(),
    retryable,
    retryAfterMs,
  );
}

/** Webhook URLs carry their secret in the path: log the host only. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/…`;
  } catch {
    return '(invalid url)';
  }
}
