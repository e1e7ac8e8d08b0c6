export { default as healthRoutes, type HealthRoutesOptions } from './health-routes.js';
export * from './health-server.js';
export * from './logger.js';
export * from './metrics.js';
export * from './readiness.js';
export * from './shutdown.js';
