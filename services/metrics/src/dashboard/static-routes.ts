import fastifyStatic from '@fastify/static';
import { DashboardFiles, RedirectToPage, withErrors } from '@faultline/api-contracts';
import type { FastifyPluginAsync } from 'fastify';
import { DashboardError } from './errors.js';
import { isBuilt } from './web-root.js';

export interface StaticRoutesOptions {
  webRoot: string;
}

/** The page and its assets hold no data: public (what they show comes from the APIs, which are not). */
const PUBLIC = { access: { public: true } } as const;

/**
 * The built page under /dashboard/ (the page routes with the URL hash, so index.html is the
 * only entry). Hashed assets are cached for good; index.html is revalidated every time.
 * @fastify/static only sends files here (`serve: false`): its own routes could not carry an
 * access rule.
 */
const staticRoutes: FastifyPluginAsync<StaticRoutesOptions> = async (app, { webRoot }) => {
  const redirect = { schema: { response: { 302: RedirectToPage } }, config: PUBLIC };
  app.get('/', redirect, (_request, reply) => reply.redirect('/dashboard/'));
  app.get('/dashboard', redirect, (_request, reply) => reply.redirect('/dashboard/'));
  const files = withErrors({ 200: DashboardFiles });
  if (!isBuilt(webRoot)) {
    app.get('/dashboard/*', { schema: { response: files }, config: PUBLIC }, async () => {
      throw new DashboardError(
        'FL_DASHBOARD_NOT_BUILT',
        `the dashboard is not built (${webRoot}): run pnpm --filter @faultline/metrics build:web`,
      );
    });
    return;
  }
  await app.register(fastifyStatic, {
    root: webRoot,
    serve: false,
    setHeaders(reply, path) {
      reply.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.get('/dashboard/*', { schema: { response: files }, config: PUBLIC }, (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    return reply.sendFile(path === '' || path.endsWith('/') ? `${path}index.html` : path);
  });
};

export default staticRoutes;
