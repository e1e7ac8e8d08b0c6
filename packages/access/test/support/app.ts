import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { withErrors } from '@faultline/api-contracts';
import { errorHandler } from '@faultline/errors';
import Fastify, { type FastifyInstance } from 'fastify';
import Type from 'typebox';
import { type AccessView, accessControl } from '../../src/index.js';

export const SESSION_SECRET = 'test-session-secret-0123456789abcdef';

/** A small app with one route per kind of rule, answering the caller's identity, wired as a service is. */
export async function buildTestApp(view: AccessView): Promise<FastifyInstance> {
  const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  await app.register(errorHandler, { prefix: 'FL_TEST' });
  await app.register(accessControl, { view, sessionSecret: SESSION_SECRET });
  const whoami = (request: {
    identity: { kind: string; userId?: string; tokenId?: string; sessionId?: string };
  }) => {
    const { kind, userId, tokenId, sessionId } = request.identity;
    return { kind, userId, tokenId, sessionId };
  };
  app.get('/healthz', { config: { access: { public: true } } }, async () => ({ ok: true }));
  app.get('/auth/me', { config: { access: { authenticated: true } } }, async (request) => whoami(request));
  app.get(
    '/api/v1/projects',
    { config: { access: { role: 'viewer', project: 'none' } } },
    async (request) => ({
      visible: request.identity.visibleProjects(),
    }),
  );
  app.get(
    '/api/v1/projects/:projectId/issues',
    {
      schema: {
        params: Type.Object({ projectId: Type.String() }),
        response: withErrors({
          200: Type.Object({
            projectId: Type.String(),
            kind: Type.String(),
            userId: Type.Optional(Type.String()),
            tokenId: Type.Optional(Type.String()),
            sessionId: Type.Optional(Type.String()),
          }),
        }),
      },
      config: { access: { role: 'viewer', project: 'params.projectId' } },
    },
    async (request) => ({ projectId: request.params.projectId, ...whoami(request) }),
  );
  app.post(
    '/api/v1/projects/:projectId/alerts/:alertId/acknowledge',
    { config: { access: { role: 'responder', project: 'params.projectId' } } },
    async (request) => whoami(request),
  );
  app.get(
    '/api/v1/events',
    {
      schema: { querystring: Type.Object({ project: Type.String() }) },
      config: { access: { role: 'viewer', project: 'query.project' } },
    },
    async (request) => ({ project: request.query.project }),
  );
  app.post(
    '/api/v1/silences',
    {
      schema: { body: Type.Object({ projectId: Type.String(), minutes: Type.Integer() }) },
      config: { access: { role: 'responder', project: 'body.projectId' } },
    },
    async (request) => ({ projectId: request.body.projectId }),
  );
  app.post('/api/v1/admin/users', { config: { access: { owner: true } } }, async () => ({ created: true }));
  await app.ready();
  return app;
}
