import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { ANONYMOUS, type Identity } from '../model/identity.js';
import { MIN_SESSION_SECRET_LENGTH } from '../secrets/session-cookie.js';
import type { AccessView } from '../view/access-view.js';
import { AccessError } from './access-error.js';
import { type AccessRule, parseAccessRule, projectIdAt } from './access-rule.js';
import { authorize } from './authorize.js';
import { identify } from './credentials.js';
import { ROUTE_TABLE, type RouteAccess } from './route-table.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; required on every route (see @faultline/access). */
    access?: AccessRule;
  }
  interface FastifyRequest {
    /** The verified caller; `anonymous` only on public routes. */
    identity: Identity;
  }
}

export interface AccessControlOptions {
  view: AccessView;
  /** The instance's session secret (config `auth.sessionSecret`), at least 32 characters. */
  sessionSecret: string;
  /** @default () => new Date() */
  clock?: () => Date;
  /**
   * Called for every request a token was accepted on (the token's last-used time lives with
   * the writer; a service may batch these to it). Must not throw or block.
   */
  onTokenUsed?: (tokenId: string) => void;
}

/**
 * Register before any route: every route registered after it (in this instance and its
 * children) must declare `config.access`, else registration throws naming the route. Each
 * request is identified in onRequest (401/503 before the body is read) and checked against its
 * rule there, or in preValidation when the project id is in the body (403).
 */
async function accessControl(app: FastifyInstance, options: AccessControlOptions): Promise<void> {
  const { view, sessionSecret } = options;
  const clock = options.clock ?? (() => new Date());
  if (sessionSecret.length < MIN_SESSION_SECRET_LENGTH)
    throw new Error(
      `accessControl: sessionSecret must have at least ${MIN_SESSION_SECRET_LENGTH} characters`,
    );

  const table: RouteAccess[] = [];
  app.decorate(ROUTE_TABLE, table);
  app.decorateRequest('identity', null as unknown as Identity);

  app.addHook('onRoute', (route: RouteOptions) => {
    const parsed = parseAccessRule(route.config?.access);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!parsed.ok) throw new Error(`route ${methods.join(',')} ${route.url} ${parsed.problem}`);
    for (const method of methods) table.push({ method, url: route.url, access: parsed.rule });
  });

  app.addHook('onRequest', async (request, reply) => {
    request.identity = ANONYMOUS;
    const rule = ruleOf(request);
    if (rule === 'not-found') return; // the not-found handler answers
    if (rule === undefined) throw new AccessError('FL_FORBIDDEN', 'this route declares no access rule');
    const isPublic = 'public' in rule;
    if (!isPublic && !view.isReady())
      throw new AccessError('FL_ACCESS_NOT_READY', 'access data is still loading; try again shortly');
    const result = view.isReady()
      ? identify(request, view, sessionSecret, clock())
      : { ok: true as const, identity: ANONYMOUS };
    if (result.ok) {
      request.identity = result.identity;
      if (result.identity.tokenId !== undefined) options.onTokenUsed?.(result.identity.tokenId);
    } else if (!isPublic) {
      reply.header('www-authenticate', 'Bearer');
      throw new AccessError('FL_AUTH_REQUIRED', result.reason);
    }
    if ('project' in rule && rule.project === 'body.projectId') {
      // Refuse anonymous callers before reading their body; the project check waits for it.
      if (request.identity.kind !== 'anonymous') return;
    }
    check(rule, request, reply);
  });

  app.addHook('preValidation', async (request, reply) => {
    const rule = ruleOf(request);
    if (rule && rule !== 'not-found' && 'project' in rule && rule.project === 'body.projectId')
      check(rule, request, reply);
  });
}

function ruleOf(request: FastifyRequest): AccessRule | undefined | 'not-found' {
  if (request.is404) return 'not-found';
  return request.routeOptions.config.access;
}

function check(
  rule: AccessRule,
  request: FastifyRequest,
  reply: { header(name: string, value: string): unknown },
): void {
  const projectId =
    'project' in rule && rule.project !== 'none' ? projectIdAt(rule.project, request) : undefined;
  const verdict = authorize(rule, request.identity, projectId);
  if (verdict.allowed) return;
  if (verdict.code === 'FL_AUTH_REQUIRED') reply.header('www-authenticate', 'Bearer');
  throw new AccessError(verdict.code, verdict.message);
}

export default fp(accessControl, { name: '@faultline/access', fastify: '5.x' });
