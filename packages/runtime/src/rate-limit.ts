import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { clientKey } from './client-key.js';
import { TokenBuckets } from './token-bucket.js';

export interface RateLimitOptions {
  /** Requests per second a client may sustain; 0 turns the limit off. */
  perSecond: number;
  /** Requests a client may send at once. */
  burst: number;
  /** The service's coded 429 (answered with Retry-After by the shared error handler). */
  refuse(retryAfterSeconds: number): Error;
  /** @default Date.now */
  now?: () => number;
}

// Probes and scrapes are not clients' requests: a supervisor must never be refused.
const UNLIMITED = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * A per-client request rate (clientKey: bearer token, else IP) as an onRequest hook. The buckets
 * live in this process's memory: every replica counts on its own.
 */
async function rateLimit(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  if (options.perSecond <= 0) return;
  const buckets = new TokenBuckets(options.perSecond, options.burst);
  const now = options.now ?? Date.now;
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (UNLIMITED.has(request.url.split('?')[0] ?? '')) return;
    const waitSeconds = buckets.take(clientKey(request), now());
    if (waitSeconds > 0) throw options.refuse(waitSeconds);
  });
}

export default fp(rateLimit, { name: '@faultline/runtime/rate-limit', fastify: '5.x' });
