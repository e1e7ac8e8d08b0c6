import { scrubOptionsFor } from '@faultline/scrub';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IngestConfig } from '../config.js';
import { IngestError } from '../errors.js';
import type { FinishContext } from '../intake/finish-event.js';
import { originAllowed, type Project } from '../projects/project.js';
import type { RedisRateLimiter } from '../rate-limit/redis-rate-limiter.js';
import { decompressBody } from './decompress.js';

/** The raw body, decompressed within the body limit. */
export function readBody(request: FastifyRequest, limitBytes: number): Promise<Buffer> {
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  return decompressBody(body, request.headers['content-encoding'], limitBytes);
}

export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Browsers report only from the origins a project allows; the answer then names the origin
 * so the SDK may read it (and its rate-limit headers). Non-browser clients send no Origin.
 */
export function allowOrigin(
  request: FastifyRequest,
  reply: FastifyReply,
  allowed: Pick<Project, 'allowedOrigins'>,
): void {
  const origin = header(request, 'origin');
  if (origin === undefined) return;
  if (!originAllowed(allowed, origin))
    throw new IngestError('FL_INGEST_ORIGIN_NOT_ALLOWED', `origin ${origin} may not report to this project`);
  reply.header('access-control-allow-origin', origin);
  reply.header('access-control-expose-headers', 'retry-after, x-sentry-rate-limits');
  reply.header('vary', 'Origin');
}

export async function enforceRateLimit(
  limiter: RedisRateLimiter,
  project: Project,
  events: number,
  config: IngestConfig,
): Promise<void> {
  if (events === 0) return;
  const decision = await limiter.take(project.id, project.rateLimit ?? config.ingest.rateLimit, events);
  if (!decision.allowed) {
    throw new IngestError('FL_INGEST_RATE_LIMITED', `project ${project.id} is over its rate limit`, {
      retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)),
    });
  }
}

export function finishContext(config: IngestConfig, projectId: string, receivedAtMs: number): FinishContext {
  const { maxDepth, clockSkew } = config.ingest;
  return { projectId, receivedAtMs, maxDepth, clockSkew, scrub: scrubOptionsFor(config.scrub, projectId) };
}
