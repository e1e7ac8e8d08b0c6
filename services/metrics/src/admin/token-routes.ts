import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { newToken } from '@faultline/access';
import {
  NewProjectTokenRequest,
  NewTokenAnswer,
  NewTokenRequest,
  TokenAnswer,
  TokensAnswer,
  tokenView,
  withErrors,
} from '@faultline/api-contracts';
import { SCHEMA_VERSION, type TokenRecord } from '@faultline/contracts';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { MetricsError } from '../errors.js';
import type { AdminContext } from './admin-context.js';
import { findToken, findUser, recordsOf } from './directory.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const ProjectParams = Type.Object({ projectId: Id });
const ProjectTokenParams = Type.Object({ projectId: Id, tokenId: Id });
const TokenParams = Type.Object({ tokenId: Id });
const projectAdmin = { access: { role: 'admin', project: 'params.projectId' } } as const;
const owner = { access: { owner: true } } as const;

/**
 * API tokens. A project's admins create machine tokens for that project, list and revoke its
 * tokens; the owner does the same on any projects (`*` included) and for a person (`userId`).
 * The secret is answered once; only its SHA-256 is stored. Revoking keeps the record with `revokedAt`.
 */
const tokenRoutes: FastifyPluginAsyncTypebox<AdminContext> = async (app, ctx) => {
  const { records, writer, audit } = ctx;

  app.post(
    '/api/v1/projects/:projectId/tokens',
    {
      schema: {
        params: ProjectParams,
        body: NewProjectTokenRequest,
        response: withErrors({ 201: NewTokenAnswer }),
      },
      config: projectAdmin,
    },
    async (request, reply) =>
      reply.code(201).send(await create(request, { ...request.body, projects: [request.params.projectId] })),
  );

  app.get(
    '/api/v1/projects/:projectId/tokens',
    { schema: { params: ProjectParams, response: withErrors({ 200: TokensAnswer }) }, config: projectAdmin },
    async (request) => ({
      tokens: await views(
        recordsOf(records, 'token').filter((t) => t.projects.includes(request.params.projectId)),
      ),
    }),
  );

  app.delete(
    '/api/v1/projects/:projectId/tokens/:tokenId',
    {
      schema: { params: ProjectTokenParams, response: withErrors({ 200: TokenAnswer }) },
      config: projectAdmin,
    },
    async (request) => {
      const token = findToken(records, request.params.tokenId);
      if (!token?.projects.includes(request.params.projectId))
        throw new MetricsError(
          'FL_ADMIN_NOT_FOUND',
          `project ${request.params.projectId} has no token ${request.params.tokenId}`,
        );
      return { token: await revoke(request, token) };
    },
  );

  app.post(
    '/api/v1/tokens',
    { schema: { body: NewTokenRequest, response: withErrors({ 201: NewTokenAnswer }) }, config: owner },
    async (request, reply) => {
      const { userId } = request.body;
      if (userId !== undefined && !findUser(records, userId))
        throw new MetricsError('FL_ADMIN_NOT_FOUND', `no user ${userId}`);
      return reply.code(201).send(await create(request, request.body));
    },
  );

  app.get(
    '/api/v1/tokens',
    { schema: { response: withErrors({ 200: TokensAnswer }) }, config: owner },
    async () => ({
      tokens: await views(recordsOf(records, 'token')),
    }),
  );

  app.delete(
    '/api/v1/tokens/:tokenId',
    { schema: { params: TokenParams, response: withErrors({ 200: TokenAnswer }) }, config: owner },
    async (request) => {
      const token = findToken(records, request.params.tokenId);
      if (!token) throw new MetricsError('FL_ADMIN_NOT_FOUND', `no token ${request.params.tokenId}`);
      return { token: await revoke(request, token) };
    },
  );

  async function create(
    request: FastifyRequest,
    fields: {
      name?: string;
      scope: TokenRecord['scope'];
      expiresAt?: string;
      projects: string[];
      userId?: string;
    },
  ) {
    const now = ctx.now();
    if (fields.expiresAt !== undefined && !(Date.parse(fields.expiresAt) > now.getTime()))
      throw new MetricsError('FL_ADMIN_INVALID', 'expiresAt must be in the future');
    const { identity } = request;
    const { tokenId, secret, sha256 } = newToken();
    const token: TokenRecord = {
      schemaVersion: SCHEMA_VERSION,
      kind: 'token',
      tokenId,
      sha256,
      name: fields.name ?? `${fields.scope} token`,
      ...(fields.userId !== undefined ? { userId: fields.userId } : {}),
      projects: [...new Set(fields.projects)],
      scope: fields.scope,
      createdAt: now.toISOString(),
      createdBy: identity.userId ?? `token:${identity.tokenId}`,
      ...(fields.expiresAt !== undefined ? { expiresAt: new Date(fields.expiresAt).toISOString() } : {}),
    };
    await writer.put(token);
    await audit(request, 'token.create', {
      ...auditProject(token),
      target: tokenId,
      details: {
        scope: token.scope,
        projects: token.projects.join(','),
        ...(token.userId ? { userId: token.userId } : {}),
      },
    });
    return { token: secret, tokenId, view: tokenView(token) };
  }

  async function revoke(request: FastifyRequest, token: TokenRecord) {
    const revoked = token.revokedAt ? token : { ...token, revokedAt: ctx.now().toISOString() };
    if (revoked !== token) {
      await writer.put(revoked);
      await audit(request, 'token.revoke', {
        ...auditProject(token),
        target: token.tokenId,
      });
    }
    return (await views([revoked]))[0] as ReturnType<typeof tokenView>;
  }

  async function views(tokens: TokenRecord[]) {
    const stored = await ctx.usage.lastUsedStored(tokens.map((t) => t.tokenId));
    return tokens
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((token) => {
        const seen = [ctx.usage.lastUsed(token.tokenId), stored.get(token.tokenId)].filter(
          (d) => d !== undefined,
        );
        const latest = seen.sort((a, b) => b.getTime() - a.getTime())[0];
        return tokenView(token, latest?.toISOString());
      });
  }
};

/** A token of exactly one project is audited under that project; others are instance-wide. */
function auditProject(token: TokenRecord): { projectId?: string } {
  const [only, ...others] = token.projects;
  return only !== undefined && only !== '*' && others.length === 0 ? { projectId: only } : {};
}

export default tokenRoutes;
