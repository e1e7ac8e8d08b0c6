import { parseRetryAfter } from '../core/retry.js';
import type { SendResult, Transport } from '../core/transport.js';

const TEXT = 'text/plain;charset=UTF-8';
// Browsers refuse keepalive requests and beacons past 64 KiB in flight.
const KEEPALIVE_LIMIT = 60_000;

/**
 * fetch for normal delivery, sendBeacon on unload. It holds the fetch it was created with, so
 * the network instrumentation installed later never sees (or reports) the SDK's own requests.
 */
export function fetchTransport(
  url: string,
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): Transport {
  return {
    async send(body: string): Promise<SendResult> {
      try {
        const response = await fetchImpl(url, {
          method: 'POST',
          body,
          headers: { 'content-type': TEXT },
          credentials: 'omit',
          keepalive: body.length < KEEPALIVE_LIMIT,
        });
        return {
          status: response.status,
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
        };
      } catch {
        return { status: 0 };
      }
    },
    sendFinal(body: string): boolean {
      if (typeof navigator !== 'undefined' && typeof navigator.sendBeacon === 'function') {
        if (navigator.sendBeacon(url, new Blob([body], { type: TEXT }))) return true;
      }
      if (body.length >= KEEPALIVE_LIMIT) return false;
      fetchImpl(url, {
        method: 'POST',
        body,
        headers: { 'content-type': TEXT },
        credentials: 'omit',
        keepalive: true,
      }).catch(() => undefined);
      return true;
    },
  };
}
