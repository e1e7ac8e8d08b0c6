import type { FastifyInstance } from 'fastify';
import type { AccessRule } from './access-rule.js';

export interface RouteAccess {
  method: string;
  url: string;
  access: AccessRule;
}

/** Where the plugin keeps the routes it has seen, on the instance it was registered on. */
export const ROUTE_TABLE = Symbol.for('faultline.access.routes');

/**
 * Every route registered after `accessControl` with its rule, sorted by url then method (the
 * route-table test walks it: anonymous 401, other project 403, ...). Throws when the plugin is
 * not registered on `app`.
 */
export function listRouteAccess(app: FastifyInstance): RouteAccess[] {
  const table = (app as unknown as Record<symbol, RouteAccess[] | undefined>)[ROUTE_TABLE];
  if (!table) throw new Error('listRouteAccess: accessControl is not registered on this app');
  return [...table].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
}
