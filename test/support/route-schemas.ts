/** What a test needs of a route Fastify adds (structurally its RouteOptions; the root has no fastify). */
interface AddedRoute {
  method: string | string[];
  url: string;
  schema?: { response?: unknown };
}

/**
 * Records routes as they are added (`app.addHook('onRoute', routes.record)` before registering the
 * service's plugin), so a test can name those whose response schema declares no success answer.
 */
export function routeRecorder(): { record(route: AddedRoute): void; undeclared(): string[] } {
  const routes: AddedRoute[] = [];
  return {
    record: (route) => {
      routes.push(route);
    },
    undeclared: () =>
      routes
        .filter((route) => !Object.keys(route.schema?.response ?? {}).some((status) => /^[23]/.test(status)))
        .map((route) => `${[route.method].flat().join(',')} ${route.url}`),
  };
}
