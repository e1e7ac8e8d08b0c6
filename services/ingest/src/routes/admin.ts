import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreatedProject,
  IssuedKey,
  ProjectViewList,
  RateLimit,
  RevokedKeys,
  withErrors,
} from '@faultline/api-contracts';
import Type from 'typebox';
import { IngestError } from '../errors.js';
import { header } from '../http/intake-steps.js';
import { buildDsn } from '../projects/keys.js';
import type { Project } from '../projects/project.js';
import type { ProjectStore } from '../projects/project-store.js';

export interface AdminRouteOptions {
  adminToken: string;
  publicUrl: string;
  projects: ProjectStore;
}

const ProjectId = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,20}$' }) });
const CreateProject = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 128 }),
    allowedOrigins: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 100 })),
    rateLimit: Type.Optional(Type.Object(RateLimit.properties, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

/** What the admin API shows of a project: key hashes are trimmed to fingerprints. */
export function describeProject(project: Project) {
  return {
    ...project,
    keys: project.keys.map((key) => ({
      fingerprint: key.hash.slice(0, 12),
      createdAt: key.createdAt,
      revokedAt: key.revokedAt,
    })),
  };
}

/** Digests first, so the comparison is constant-time whatever the lengths. */
function tokenMatches(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * /admin/projects: create (answers the DSN once), list, revoke, add a key. Behind
 * `Authorization: Bearer <adminToken>`; without a configured token the routes do not exist.
 */
const adminRoutes: FastifyPluginAsyncTypebox<AdminRouteOptions> = async (
  app,
  { adminToken, publicUrl, projects },
) => {
  if (adminToken === '') return;
  app.addHook('onRequest', async (request) => {
    const presented = /^Bearer\s+(\S+)$/i.exec(header(request, 'authorization') ?? '')?.[1] ?? '';
    if (!tokenMatches(presented, adminToken))
      throw new IngestError('FL_INGEST_ADMIN_UNAUTHORIZED', 'admin token missing or wrong');
  });

  app.post(
    '/admin/projects',
    { schema: { body: CreateProject, response: withErrors({ 201: CreatedProject }) } },
    async (request, reply) => {
      const { project, publicKey } = await projects.create(request.body);
      return reply
        .code(201)
        .send({ ...describeProject(project), publicKey, dsn: buildDsn(publicUrl, publicKey, project.id) });
    },
  );

  app.get('/admin/projects', { schema: { response: withErrors({ 200: ProjectViewList }) } }, async () => ({
    projects: (await projects.list()).map(describeProject),
  }));

  app.post(
    '/admin/projects/:id/revoke',
    { schema: { params: ProjectId, response: withErrors({ 200: RevokedKeys }) } },
    async (request) => ({
      revoked: await projects.revoke(request.params.id),
    }),
  );

  app.post(
    '/admin/projects/:id/keys',
    { schema: { params: ProjectId, response: withErrors({ 201: IssuedKey }) } },
    async (request, reply) => {
      if (!(await projects.get(request.params.id)))
        throw new IngestError('FL_INGEST_NOT_FOUND', `no project ${request.params.id}`);
      const publicKey = await projects.addKey(request.params.id);
      return reply.code(201).send({ publicKey, dsn: buildDsn(publicUrl, publicKey, request.params.id) });
    },
  );
};

export default adminRoutes;
