import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { hashPassword } from '@faultline/access';
import {
  NewUserAnswer,
  NewUserRequest,
  PasswordAnswer,
  PasswordRequest,
  RemovedUserAnswer,
  UserAnswer,
  UsersAnswer,
  userView,
  withErrors,
} from '@faultline/api-contracts';
import { SCHEMA_VERSION, type UserRecord } from '@faultline/contracts';
import Type from 'typebox';
import { MetricsError } from '../errors.js';
import type { AdminContext } from './admin-context.js';
import { byName, findUser, findUserByEmail, membershipsOf, recordsOf } from './directory.js';

const UserParams = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 64 }) });
const owner = { access: { owner: true } } as const;

/** A password shown once: 24 base64url characters (144 random bits). */
export const generatedPassword = () => randomBytes(18).toString('base64url');

/** Users (owner only): add with a password or for OpenID Connect, list, disable/enable, new password, remove. */
const userRoutes: FastifyPluginAsyncTypebox<AdminContext> = async (app, ctx) => {
  const { records, writer, audit } = ctx;

  app.get(
    '/api/v1/admin/users',
    { schema: { response: withErrors({ 200: UsersAnswer }) }, config: owner },
    async () => ({
      users: recordsOf(records, 'user')
        .sort(byName((u) => u.email))
        .map(userView),
    }),
  );

  app.post(
    '/api/v1/admin/users',
    { schema: { body: NewUserRequest, response: withErrors({ 201: NewUserAnswer }) }, config: owner },
    async (request, reply) => {
      const { email, signIn = 'password' } = request.body;
      if (signIn === 'oidc' && request.body.password !== undefined)
        throw new MetricsError('FL_ADMIN_INVALID', 'a user who signs in with OpenID Connect has no password');
      if (findUserByEmail(records, email))
        throw new MetricsError('FL_ADMIN_CONFLICT', `a user with email ${email} exists`);
      const generated =
        signIn === 'password' && request.body.password === undefined ? generatedPassword() : undefined;
      const password = request.body.password ?? generated;
      const at = ctx.now().toISOString();
      const user: UserRecord = {
        schemaVersion: SCHEMA_VERSION,
        kind: 'user',
        userId: `u${randomBytes(8).toString('hex')}`,
        email,
        name: request.body.name ?? email.slice(0, email.indexOf('@')),
        ...(password !== undefined ? { passwordHash: await hashPassword(password) } : {}),
        owner: false,
        disabled: false,
        createdAt: at,
        updatedAt: at,
      };
      await writer.put(user);
      await audit(request, 'user.create', { target: user.userId, details: { email, signIn } });
      return reply.code(201).send({ user: userView(user), ...(generated ? { password: generated } : {}) });
    },
  );

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/api/v1/admin/users/:userId/${verb}`,
      { schema: { params: UserParams, response: withErrors({ 200: UserAnswer }) }, config: owner },
      async (request) => {
        const user = existingUser(request.params.userId);
        if (user.owner && disabled)
          throw new MetricsError('FL_ADMIN_INVALID', 'the owner cannot be disabled');
        const changed = { ...user, disabled, updatedAt: ctx.now().toISOString() };
        await writer.put(changed);
        await audit(request, `user.${verb}`, { target: user.userId });
        return { user: userView(changed) };
      },
    );
  }

  app.post(
    '/api/v1/admin/users/:userId/password',
    {
      schema: { params: UserParams, body: PasswordRequest, response: withErrors({ 200: PasswordAnswer }) },
      config: owner,
    },
    async (request) => {
      const user = existingUser(request.params.userId);
      const generated = request.body.password === undefined ? generatedPassword() : undefined;
      const password = request.body.password ?? (generated as string);
      await writer.put({
        ...user,
        passwordHash: await hashPassword(password),
        updatedAt: ctx.now().toISOString(),
      });
      await audit(request, 'user.password', { target: user.userId });
      return { userId: user.userId, ...(generated ? { password: generated } : {}) };
    },
  );

  // Removing a user tombstones it and its memberships, and revokes its tokens (kept, for the lists and the audit).
  app.delete(
    '/api/v1/admin/users/:userId',
    { schema: { params: UserParams, response: withErrors({ 200: RemovedUserAnswer }) }, config: owner },
    async (request) => {
      const user = existingUser(request.params.userId);
      if (user.owner) throw new MetricsError('FL_ADMIN_INVALID', 'the owner cannot be removed');
      const memberships = membershipsOf(records, { userId: user.userId });
      const teams = recordsOf(records, 'team-member').filter((m) => m.userId === user.userId);
      const tokens = recordsOf(records, 'token').filter((t) => t.userId === user.userId && !t.revokedAt);
      const at = ctx.now().toISOString();
      await Promise.all(tokens.map((token) => writer.put({ ...token, revokedAt: at })));
      await Promise.all([...memberships, ...teams].map((record) => writer.remove(record)));
      await writer.remove(user);
      await audit(request, 'user.remove', { target: user.userId, details: { email: user.email } });
      return {
        userId: user.userId,
        memberships: memberships.length,
        teams: teams.length,
        tokensRevoked: tokens.length,
      };
    },
  );

  function existingUser(userId: string): UserRecord {
    const user = findUser(records, userId);
    if (!user) throw new MetricsError('FL_ADMIN_NOT_FOUND', `no user ${userId}`);
    return user;
  }
};

export default userRoutes;
