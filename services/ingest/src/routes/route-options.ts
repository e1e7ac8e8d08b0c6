import type { IngestConfig } from '../config.js';
import type { ProjectStore } from '../projects/project-store.js';
import type { RedisRateLimiter } from '../rate-limit/redis-rate-limiter.js';

/** What the intake routes share; built once in app.ts. */
export interface IntakeRouteOptions {
  config: IngestConfig;
  projects: ProjectStore;
  rateLimiter: RedisRateLimiter;
  /** The prefixed errors.raw topic. */
  topic: string;
}
