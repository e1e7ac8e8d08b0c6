import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { withErrors } from '@faultline/api-contracts';
import Type from 'typebox';
import { IngestError } from '../errors.js';
import { header } from '../http/intake-steps.js';
import { originAllowed } from '../projects/project.js';
import type { IntakeRouteOptions } from './route-options.js';

const ALLOWED_HEADERS =
  'content-type, content-encoding, authorization, x-sentry-auth, x-faultline-key, sentry-trace, baggage';

/**
 * CORS preflights. A preflight carries no key, so Sentry routes answer with the origins of the
 * project in the URL, and /api/v1/events with the configured `corsOrigins`.
 */
const preflight: FastifyPluginAsyncTypebox<IntakeRouteOptions> = async (app, { config, projects }) => {
  app.options(
    '/api/*',
    { schema: { response: withErrors({ 204: Type.Null() }) }, config: { access: { public: true } } },
    async (request, reply) => {
      const origin = header(request, 'origin');
      if (origin === undefined) return reply.code(204).send(null);
      const projectId = /^\/api\/([0-9]+)\//.exec(request.url)?.[1];
      const project = projectId === undefined ? undefined : await projects.get(projectId);
      const allowed = project ?? { allowedOrigins: config.ingest.corsOrigins };
      if (!originAllowed(allowed, origin))
        throw new IngestError('FL_INGEST_ORIGIN_NOT_ALLOWED', `origin ${origin} may not report here`);
      return reply
        .code(204)
        .header('access-control-allow-origin', origin)
        .header('access-control-allow-methods', 'POST')
        .header('access-control-allow-headers', ALLOWED_HEADERS)
        .header('access-control-max-age', '600')
        .header('vary', 'Origin')
        .send(null);
    },
  );
};

export default preflight;
