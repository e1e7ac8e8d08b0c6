import { parseRetryAfter, type SendResult, type Transport } from '@faultline/browser/core';

/** POSTs batches with the key as a bearer token; a request that hangs counts as a failure. */
export function nodeTransport(endpoint: string, key: string, timeoutMs = 10_000): Transport {
  const url = `${endpoint.replace(/\/+$/, '')}/api/v1/events`;
  return {
    async send(body: string): Promise<SendResult> {
      try {
        const response = await fetch(url, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.arrayBuffer().catch(() => undefined);
        return {
          status: response.status,
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
        };
      } catch {
        return { status: 0 };
      }
    },
  };
}
