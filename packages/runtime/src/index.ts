export { clientKey } from './client-key.js';
export { default as healthRoutes, type HealthRoutesOptions } from './health-routes.js';
export * from './health-server.js';
export * from './liveness.js';
export { default as rateLimit, type RateLimitOptions } from './rate-limit.js';
export * from './readiness.js';
export * from './service.js';
export * from './stop-plan.js';
export { TokenBuckets } from './token-bucket.js';
