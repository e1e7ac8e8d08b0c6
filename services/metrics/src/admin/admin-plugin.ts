import type { FastifyPluginAsync } from 'fastify';
import type { AdminContext } from './admin-context.js';
import memberRoutes from './member-routes.js';
import teamRoutes from './team-routes.js';
import tokenRoutes from './token-routes.js';
import userRoutes from './user-routes.js';

/** The admin API, the one writer of `access`: users, teams, project members and API tokens. */
const adminPlugin: FastifyPluginAsync<AdminContext> = async (app, context) => {
  await app.register(userRoutes, context);
  await app.register(teamRoutes, context);
  await app.register(memberRoutes, context);
  await app.register(tokenRoutes, context);
};

export default adminPlugin;
