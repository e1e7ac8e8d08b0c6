import fastifyStatic from '@fastify/static';
import { DashboardFiles, RedirectToPage, withErrors } from '@faultline/api-contracts';
import { declareRouteAnswers } from '@faultline/runtime';
import type { FastifyPluginAsync } from 'fastify';
import { DashboardError } from './errors.js';
import { isBuilt } from './web-root.js';

export interface StaticRoutesOptions {
  webRoot: string;
}

/**
 * The built page under /dashboard/ (the page routes with the URL hash, so index.html is the
 * only entry). Hashed assets are cached for good; index.html is revalidated every time.
 */
const staticRoutes: FastifyPluginAsync<StaticRoutesOptions> = async (app, { webRoot }) => {
  const redirect = { schema: { response: { 302: RedirectToPage } } };
  app.get('/', redirect, (_request, reply) => reply.redirect('/dashboard/'));
  app.get('/dashboard', redirect, (_request, reply) => reply.redirect('/dashboard/'));
  const files = withErrors({ 200: DashboardFiles });
  if (!isBuilt(webRoot)) {
    app.get('/dashboard/*', { schema: { response: files } }, async () => {
      throw new DashboardError(
        'FL_DASHBOARD_NOT_BUILT',
        `the dashboard is not built (${webRoot}): run pnpm --filter @faultline/metrics build:web`,
      );
    });
    return;
  }
  declareRouteAnswers(app, (route) => route.url.startsWith('/dashboard/'), files);
  await app.register(fastifyStatic, {
    root: webRoot,
    prefix: '/dashboard/',
    index: 'index.html',
    setHeaders(reply, path) {
      reply.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
};

export default staticRoutes;
