export { default as healthRoutes, type HealthRoutesOptions } from './health-routes.js';
export * from './health-server.js';
export * from './liveness.js';
export * from './readiness.js';
export * from './route-answers.js';
export * from './service.js';
export * from './stop-plan.js';
