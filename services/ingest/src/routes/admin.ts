import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Auditor } from '@faultline/access';
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
import { buildDsn } from '../projects/keys.js';
import type { Project } from '../projects/project.js';
import type { ProjectStore } from '../projects/project-store.js';

export interface AdminRouteOptions {
  publicUrl: string;
  projects: ProjectStore;
  /** Appends each change to the audit log, the caller as its actor. */
  audit: Auditor['audit'];
}

const ProjectId = Type.Object({ projectId: Type.String({ pattern: '^[0-9]{1,20}$' }) });
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

/**
 * /admin/projects: create (answers the DSN once; the instance owner), list (the projects the
 * caller administers), revoke every key and add a key (an admin of the project). Each change
 * is audited with the caller as its actor.
 */
const adminRoutes: FastifyPluginAsyncTypebox<AdminRouteOptions> = async (
  app,
  { publicUrl, projects, audit },
) => {
  app.post(
    '/admin/projects',
    {
      schema: { body: CreateProject, response: withErrors({ 201: CreatedProject }) },
      config: { access: { owner: true } },
    },
    async (request, reply) => {
      const { project, publicKey } = await projects.create(request.body);
      await audit(request, 'project.create', {
        projectId: project.id,
        target: project.id,
        details: { name: project.name },
      });
      return reply
        .code(201)
        .send({ ...describeProject(project), publicKey, dsn: buildDsn(publicUrl, publicKey, project.id) });
    },
  );

  app.get(
    '/admin/projects',
    {
      schema: { response: withErrors({ 200: ProjectViewList }) },
      config: { access: { role: 'admin', project: 'none' } },
    },
    async (request) => ({
      projects: (await projects.list())
        .filter((project) => request.identity.can('admin', project.id))
        .map(describeProject),
    }),
  );

  app.post(
    '/admin/projects/:projectId/revoke',
    {
      schema: { params: ProjectId, response: withErrors({ 200: RevokedKeys }) },
      config: { access: { role: 'admin', project: 'params.projectId' } },
    },
    async (request) => {
      const { projectId } = request.params;
      const revoked = await projects.revoke(projectId);
      await audit(request, 'key.revoke', {
        projectId,
        target: projectId,
        details: { revoked: String(revoked) },
      });
      return { revoked };
    },
  );

  app.post(
    '/admin/projects/:projectId/keys',
    {
      schema: { params: ProjectId, response: withErrors({ 201: IssuedKey }) },
      config: { access: { role: 'admin', project: 'params.projectId' } },
    },
    async (request, reply) => {
      const { projectId } = request.params;
      if (!(await projects.get(projectId)))
        throw new IngestError('FL_INGEST_NOT_FOUND', `no project ${projectId}`);
      const publicKey = await projects.addKey(projectId);
      await audit(request, 'key.create', { projectId, target: projectId });
      return reply.code(201).send({ publicKey, dsn: buildDsn(publicUrl, publicKey, projectId) });
    },
  );
};

export default adminRoutes;
