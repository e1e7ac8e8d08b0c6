import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';

/**
 * Declares the answers of routes a plugin adds without taking a schema (@fastify/static's files,
 * @fastify/cors's preflight): call it before registering that plugin, in the same scope.
 */
export function declareRouteAnswers(
  app: FastifyInstance,
  matches: (route: RouteOptions) => boolean,
  response: NonNullable<FastifySchema['response']>,
): void {
  app.addHook('onRoute', (route) => {
    if (matches(route)) route.schema = { ...route.schema, response };
  });
}
